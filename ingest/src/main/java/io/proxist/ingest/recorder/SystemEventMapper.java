package io.proxist.ingest.recorder;

import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.schema.TableSchema;

/** {@link SystemEvent} to rows of {@code system_events}. */
public final class SystemEventMapper extends EventMapper<SystemEvent> {
    private final BytesColumnBuilder componentCol = stringColumn("component");
    private final BytesColumnBuilder hostCol = stringColumn("host");
    private final EnumColumn levelCol = enumColumn("level", Severity.class);
    private final BytesColumnBuilder eventCol = stringColumn("event");
    private final BytesColumnBuilder messageCol = stringColumn("message");
    private final BytesColumnBuilder detailsCol = stringColumn("details");

    private String component;
    private String host;
    private int level;
    private String event;
    private String message;
    private String details;

    public SystemEventMapper(TableSchema schema, RecorderContext context, RejectCounters counters, RejectLog log) {
        super(RecorderTable.SYSTEM_EVENTS, schema, context, counters, log);
        bindingsComplete();
    }

    @Override
    void validate(SystemEvent e) {
        component = key(e.component(), "component");
        times(e.ts(), e.recvTs());
        host = key(e.host(), "host");
        level = code(levelCol, e.level(), "level");
        event = key(e.event(), "event");
        message = text(e.message(), "message");
        details = text(e.details(), "details");
    }

    @Override
    void write(SystemEvent e) {
        Utf8.append(componentCol, component);
        Utf8.append(hostCol, host);
        levelCol.builder().appendLong(level);
        Utf8.append(eventCol, event);
        Utf8.append(messageCol, message);
        Utf8.append(detailsCol, details);
    }

    @Override
    long seq(SystemEvent e) {
        return e.seq();
    }
}
