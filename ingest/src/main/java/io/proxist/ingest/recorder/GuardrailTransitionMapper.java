package io.proxist.ingest.recorder;

import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.schema.TableSchema;

/** {@link GuardrailTransition} to rows of {@code guardrail_transitions}. A transition must say why. */
public final class GuardrailTransitionMapper extends EventMapper<GuardrailTransition> {
    private final BytesColumnBuilder guardrailCol = stringColumn("guardrail");
    private final BytesColumnBuilder scopeCol = stringColumn("scope");
    private final EnumColumn fromCol = enumColumn("from_state", GuardrailState.class);
    private final EnumColumn toCol = enumColumn("to_state", GuardrailState.class);
    private final BytesColumnBuilder reasonCol = stringColumn("reason");
    private final BytesColumnBuilder triggeredByCol = stringColumn("triggered_by");

    private String guardrail;
    private String scope;
    private int from;
    private int to;
    private String reason;
    private String triggeredBy;

    public GuardrailTransitionMapper(
            TableSchema schema, RecorderContext context, RejectCounters counters, RejectLog log) {
        super(RecorderTable.GUARDRAIL_TRANSITIONS, schema, context, counters, log);
        bindingsComplete();
    }

    @Override
    void validate(GuardrailTransition e) {
        guardrail = key(e.guardrail(), "guardrail");
        times(e.ts(), e.recvTs());
        scope = key(e.scope(), "scope");
        from = code(fromCol, e.from(), "from_state");
        to = code(toCol, e.to(), "to_state");
        reason = text(e.reason(), "reason");
        if (reason.isBlank()) fail(RejectReason.MISSING_FIELD, "reason");
        triggeredBy = key(e.triggeredBy(), "triggered_by");
    }

    @Override
    void write(GuardrailTransition e) {
        Utf8.append(guardrailCol, guardrail);
        Utf8.append(scopeCol, scope);
        fromCol.builder().appendLong(from);
        toCol.builder().appendLong(to);
        Utf8.append(reasonCol, reason);
        Utf8.append(triggeredByCol, triggeredBy);
    }

    @Override
    long seq(GuardrailTransition e) {
        return e.seq();
    }
}
