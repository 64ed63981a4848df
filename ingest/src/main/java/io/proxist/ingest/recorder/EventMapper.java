package io.proxist.ingest.recorder;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.ArrayColumnBuilder;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Appends events of one family to the column builders of their table and hands the rows out as a {@link Block} of
 * the table's logical columns (names and order from the {@link TableSchema}; types as columns hold them, i.e.
 * LowCardinality removed). See the package documentation for the normalisation and rejection rules.
 *
 * <p>Plan time vs run time: the constructor binds every column of the schema by name and checks its type (a column
 * the mapper does not know, or one of an unexpected type, fails here, not on the data path); {@link #append} then
 * validates the whole event into scratch fields and only afterwards writes one value to every builder, so a rejected
 * event leaves the builders untouched. Appending allocates nothing on the steady path (strings are encoded straight
 * into the builders); {@link #build()} allocates the block and leaves the builders empty and reusable.
 *
 * <p>Not thread-safe: one writer per mapper (the recorder thread of its table).
 */
public abstract sealed class EventMapper<E>
        permits MarketDataMapper,
                TradeMapper,
                OrderMapper,
                FillMapper,
                PositionMapper,
                AccountStateMapper,
                RiskDecisionMapper,
                GuardrailTransitionMapper,
                SystemEventMapper {
    /** Earliest accepted timestamp: 2000-01-01T00:00:00Z in nanoseconds. Smaller values are seconds, millis or micros. */
    public static final long MIN_TIMESTAMP = 946_684_800_000_000_000L;
    /** First rejected timestamp: 2200-01-01T00:00:00Z in nanoseconds (DateTime64(9) ends in 2262). */
    public static final long MAX_TIMESTAMP = 7_258_118_400_000_000_000L;

    private final RecorderTable table;
    private final RecorderContext context;
    private final RejectCounters counters;
    private final RejectLog log;
    private final List<String> names;
    private final ColumnBuilder[] builders;
    private final boolean[] bound;
    private final byte[] source;
    private final byte[] environment;
    private final LongColumnBuilder tsColumn;
    private final LongColumnBuilder seqColumn;
    private final LongColumnBuilder recvTsColumn;
    private final LongColumnBuilder versionColumn;
    private final BytesColumnBuilder sourceColumn;
    private final BytesColumnBuilder environmentColumn;
    private int rows;

    // The event being appended: its first failure, and its normalised times.
    private RejectReason failure;
    private String failureField = "";
    long ts;
    long recvTs;

    EventMapper(
            RecorderTable table, TableSchema schema, RecorderContext context, RejectCounters counters, RejectLog log) {
        if (!schema.name().equals(table.tableName())) {
            throw new IllegalArgumentException(
                    "schema of another table [expected=" + table.tableName() + ", got=" + schema.name() + "]");
        }
        this.table = table;
        this.context = context;
        this.counters = counters;
        this.log = log;
        List<String> n = new ArrayList<>();
        List<ColumnDef> columns = schema.columns();
        this.builders = new ColumnBuilder[columns.size()];
        for (int i = 0; i < builders.length; i++) {
            n.add(columns.get(i).name());
            builders[i] = ColumnBuilder.forType(columns.get(i).type());
        }
        this.names = List.copyOf(n);
        this.bound = new boolean[builders.length];
        this.source = context.source().getBytes(StandardCharsets.UTF_8);
        this.environment = context.environment().getBytes(StandardCharsets.UTF_8);
        this.tsColumn = timeColumn("ts");
        this.seqColumn = uint64Column("seq");
        this.recvTsColumn = timeColumn("recv_ts");
        this.versionColumn = uint64Column("version");
        this.sourceColumn = stringColumn("source");
        this.environmentColumn = stringColumn("environment");
    }

    // ---- plan time: binding columns ----------------------------------------------------------------------------

    private ColumnBuilder bind(String name, String expected) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException(
                    "table lacks a column the recorder writes [table=" + table.tableName() + ", column=" + name + "]");
        }
        if (bound[i]) throw new IllegalStateException("column bound twice [column=" + name + "]");
        DataType t = builders[i].type();
        boolean ok =
                switch (expected) {
                    case "DateTime64(9)" -> t.is("DateTime64") && t.literal(0).equals("9");
                    case "Enum" -> t.is("Enum8") || t.is("Enum16");
                    case "Array(Float64)" -> t.is("Array") && t.inner().is("Float64");
                    default -> t.is(expected);
                };
        if (!ok) {
            throw new IllegalStateException("column of an unexpected type [table=" + table.tableName() + ", column="
                    + name + ", expected=" + expected + ", got=" + t + "]");
        }
        bound[i] = true;
        return builders[i];
    }

    final LongColumnBuilder timeColumn(String name) {
        return (LongColumnBuilder) bind(name, "DateTime64(9)");
    }

    final LongColumnBuilder uint64Column(String name) {
        return (LongColumnBuilder) bind(name, "UInt64");
    }

    final DoubleColumnBuilder float64Column(String name) {
        return (DoubleColumnBuilder) bind(name, "Float64");
    }

    final BytesColumnBuilder stringColumn(String name) {
        return (BytesColumnBuilder) bind(name, "String");
    }

    final ArrayColumnBuilder float64ArrayColumn(String name) {
        return (ArrayColumnBuilder) bind(name, "Array(Float64)");
    }

    final <T extends Enum<T> & SqlEnum> EnumColumn enumColumn(String name, Class<T> javaEnum) {
        LongColumnBuilder b = (LongColumnBuilder) bind(name, "Enum");
        return new EnumColumn(b, EnumCodes.of(b.type(), javaEnum));
    }

    /** An Enum8 column and the codes of the Java enum recorded in it. */
    record EnumColumn(LongColumnBuilder builder, EnumCodes codes) {}

    /** Called at the end of a subclass constructor: every column of the table must have been bound. */
    final void bindingsComplete() {
        for (int i = 0; i < bound.length; i++) {
            if (!bound[i]) {
                throw new IllegalStateException("table has a column the recorder does not write [table="
                        + table.tableName() + ", column=" + names.get(i) + "]");
            }
        }
    }

    // ---- run time ----------------------------------------------------------------------------------------------

    /**
     * Validates and normalises {@code event}, then appends it as one row; or rejects it (counted, logged at a
     * rate-limited WARN) and leaves the builders as they were.
     *
     * @return null when the row was appended, else why the event was rejected
     */
    public final RejectReason append(E event) {
        failure = null;
        failureField = "";
        if (event == null) {
            fail(RejectReason.MISSING_FIELD, "event");
        } else {
            validate(event);
        }
        if (failure != null) {
            counters.increment(table, failure);
            log.rejected(table, failure, failureField, event);
            return failure;
        }
        try {
            write(event);
            tsColumn.appendLong(ts);
            seqColumn.appendLong(seq(event));
            recvTsColumn.appendLong(recvTs);
            versionColumn.appendLong(recvTs);
            sourceColumn.appendBytes(source, 0, source.length);
            environmentColumn.appendBytes(environment, 0, environment.length);
        } catch (RuntimeException | Error e) {
            for (ColumnBuilder b : builders) if (b.size() > rows) b.truncate(rows);
            throw e;
        }
        rows++;
        return null;
    }

    /** Checks every field of the event (first failure wins) and keeps the normalised values in scratch fields. */
    abstract void validate(E event);

    /** Writes the validated event's table-specific columns (ts, seq, recv_ts, version and metadata are done here). */
    abstract void write(E event);

    /** The event's sequence number (UInt64 bits). */
    abstract long seq(E event);

    /** The rows appended since the last {@link #build()}, as a block; the builders are left empty for reuse. */
    public final Block build() {
        Column[] columns = new Column[builders.length];
        for (int i = 0; i < builders.length; i++) columns[i] = builders[i].build();
        int n = rows;
        rows = 0;
        return new Block(names, Arrays.asList(columns), n);
    }

    /** Rows appended since the last {@link #build()}. */
    public final int rows() {
        return rows;
    }

    /** Approximate bytes held by the rows appended (for batch size limits). */
    public final long byteSize() {
        long sum = 0;
        for (ColumnBuilder b : builders) sum += b.byteSize();
        return sum;
    }

    public final RecorderTable table() {
        return table;
    }

    /** The column names of the blocks built, in table order. */
    public final List<String> columnNames() {
        return names;
    }

    // ---- validation helpers: each records the first failure and returns the normalised value ------------------

    final void fail(RejectReason reason, String field) {
        if (failure == null) {
            failure = reason;
            failureField = field;
        }
    }

    /** A required identifier: non-null, non-empty once trimmed, no control characters. */
    final String key(String value, String field) {
        String v = optionalKey(value, field);
        if (v.isEmpty()) fail(RejectReason.MISSING_FIELD, field);
        return v;
    }

    /** An identifier that may be empty: non-null, trimmed, no control characters. */
    final String optionalKey(String value, String field) {
        if (value == null) {
            fail(RejectReason.MISSING_FIELD, field);
            return "";
        }
        String v = value.strip();
        if (Identifiers.invalid(v)) fail(RejectReason.INVALID_IDENTIFIER, field);
        return v;
    }

    /** Free text (reasons, messages, JSON documents): non-null, recorded as given. */
    final String text(String value, String field) {
        if (value == null) {
            fail(RejectReason.MISSING_FIELD, field);
            return "";
        }
        return value;
    }

    /** A finite amount that may be negative (PnL, fees, signed quantities); -0.0 becomes 0.0. */
    final double finite(double value, String field) {
        if (!Double.isFinite(value)) fail(RejectReason.NON_FINITE_VALUE, field);
        return value + 0.0;
    }

    /** A finite price or size that must not be negative; -0.0 becomes 0.0. */
    final double nonNegative(double value, String field) {
        if (!Double.isFinite(value)) {
            fail(RejectReason.NON_FINITE_VALUE, field);
        } else if (value < 0) {
            fail(RejectReason.NEGATIVE_VALUE, field);
        }
        return value + 0.0;
    }

    /** The Enum8 code of a required enum value. */
    final int code(EnumColumn column, Enum<?> value, String field) {
        if (value == null) {
            fail(RejectReason.MISSING_FIELD, field);
            return 0;
        }
        int code = column.codes().code(value);
        if (code == EnumCodes.NONE) fail(RejectReason.UNKNOWN_ENUM_VALUE, field);
        return code;
    }

    /**
     * The event time and the receive time, normalised into {@link #ts} and {@link #recvTs}: a receive time of 0 is
     * stamped from the context clock; one before the event time by at most the tolerance is clamped to it.
     */
    final void times(long eventTs, long receiveTs) {
        ts = eventTs;
        if (eventTs == 0) {
            fail(RejectReason.MISSING_FIELD, "ts");
        } else if (eventTs < MIN_TIMESTAMP || eventTs >= MAX_TIMESTAMP) {
            fail(RejectReason.TIMESTAMP_OUT_OF_RANGE, "ts");
        }
        long recv = receiveTs == 0 ? context.clock().getAsLong() : receiveTs;
        if (recv < MIN_TIMESTAMP || recv >= MAX_TIMESTAMP) {
            fail(RejectReason.TIMESTAMP_OUT_OF_RANGE, "recv_ts");
        } else if (recv < eventTs) {
            if (eventTs - recv > context.skewToleranceNanos()) fail(RejectReason.RECEIVED_BEFORE_EVENT, "recv_ts");
            recv = eventTs;
        }
        recvTs = recv;
    }

    /** One side of the L2 book: both arrays present, of equal length, every value finite and not negative. */
    final void levels(double[] prices, double[] sizes, String pricesField, String sizesField) {
        if (prices == null) {
            fail(RejectReason.MISSING_FIELD, pricesField);
            return;
        }
        if (sizes == null) {
            fail(RejectReason.MISSING_FIELD, sizesField);
            return;
        }
        if (prices.length != sizes.length) fail(RejectReason.LEVELS_MISMATCH, sizesField);
        for (double p : prices) nonNegative(p, pricesField);
        for (double s : sizes) nonNegative(s, sizesField);
    }
}
