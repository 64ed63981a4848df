package io.proxist.hot.store;

import io.proxist.core.block.ColumnKind;
import io.proxist.core.block.Columns;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory shape of a table, derived from its {@link TableSchema}: which columns are stored and how, and the
 * row key. The key comes from ORDER BY: the columns before the first DateTime64 column are the <em>series key</em>
 * (one or two String / LowCardinality(String) columns: {@code symbol}, {@code account, symbol}, {@code guardrail}),
 * then the time column, then exactly one integer sequence column. Rows are unique by (series key, ts, seq) and
 * sorted by (ts, seq) within a series; seq compares unsigned when its type is unsigned, as in ClickHouse.
 *
 * <p>ALIAS and MATERIALIZED columns are not stored (ClickHouse computes them).
 */
public final class TableLayout {
    private final String table;
    private final ColumnSpec[] columns;
    private final int tsColumn;
    private final int seqColumn;
    private final int[] seriesColumns;
    private final long seqBias;

    private TableLayout(String table, ColumnSpec[] columns, int tsColumn, int seqColumn, int[] seriesColumns) {
        this.table = table;
        this.columns = columns;
        this.tsColumn = tsColumn;
        this.seqColumn = seqColumn;
        this.seriesColumns = seriesColumns;
        this.seqBias = ColumnKind.unsigned(columns[seqColumn].plainType()) ? Long.MIN_VALUE : 0L;
    }

    /** The layout of {@code schema}; throws NOT_IMPLEMENTED for a key or a column type the store cannot hold. */
    public static TableLayout of(TableSchema schema, DictionaryProvider dictionaries) {
        String table = schema.name();
        List<String> key = orderByColumns(schema.orderBy());
        List<ColumnDef> stored = new ArrayList<>();
        for (ColumnDef c : schema.columns()) {
            if (!c.defaultKind().equals("ALIAS") && !c.defaultKind().equals("MATERIALIZED")) stored.add(c);
        }
        int tsKey = -1;
        for (int i = 0; i < key.size(); i++) {
            ColumnDef c = find(stored, key.get(i));
            if (c == null) throw unsupported(table, "ORDER BY names a column that is not stored", key.get(i));
            if (tsKey < 0 && Columns.plainType(c.type()).is("DateTime64")) tsKey = i;
        }
        if (tsKey < 1 || tsKey > 2 || key.size() != tsKey + 2) {
            throw new ProxistException(
                    ErrorCode.NOT_IMPLEMENTED,
                    "hot tables need ORDER BY (series key of 1 or 2 string columns, DateTime64 time, sequence) [table="
                            + table + ", order_by=" + schema.orderBy() + "]");
        }
        ColumnSpec[] specs = new ColumnSpec[stored.size()];
        int[] series = new int[tsKey];
        int ts = -1;
        int seq = -1;
        for (int i = 0; i < specs.length; i++) {
            ColumnDef c = stored.get(i);
            int k = key.indexOf(c.name());
            VecKind kind;
            if (k >= 0 && k < tsKey) {
                kind = VecKind.SERIES;
                if (!Columns.plainType(c.type()).is("String")) {
                    throw unsupported(table, "series key columns must be String or LowCardinality(String)", c);
                }
                series[k] = i;
            } else {
                kind = kindOf(table, c);
                if (k == tsKey) ts = i;
                if (k == tsKey + 1) {
                    if (kind != VecKind.LONG) throw unsupported(table, "the sequence column must be an integer", c);
                    seq = i;
                }
            }
            boolean dict = kind == VecKind.SERIES || kind == VecKind.DICT;
            specs[i] = new ColumnSpec(
                    c.name(), c.type(), kind, i, dict ? dictionaries.dictionaryFor(table, c.name()) : null);
        }
        return new TableLayout(table, specs, ts, seq, series);
    }

    private static VecKind kindOf(String table, ColumnDef c) {
        DataType t = c.type();
        if (t.is("LowCardinality") && t.inner().is("String")) return VecKind.DICT;
        DataType p = Columns.plainType(t);
        ColumnKind k = ColumnKind.of(p);
        return switch (k) {
            case INT -> VecKind.LONG;
            case FLOAT -> VecKind.DOUBLE;
            case STRING -> VecKind.STRING;
            case ARRAY ->
                switch (ColumnKind.of(p.inner())) {
                    case INT -> VecKind.LONG_ARRAY;
                    case FLOAT -> VecKind.DOUBLE_ARRAY;
                    default -> throw unsupported(table, "column type not supported by the hot store", c);
                };
            default -> throw unsupported(table, "column type not supported by the hot store", c);
        };
    }

    private static ColumnDef find(List<ColumnDef> cols, String name) {
        for (ColumnDef c : cols) if (c.name().equals(name)) return c;
        return null;
    }

    /** The column names of an ORDER BY expression: {@code (a, b, c)}, {@code a, b}, {@code tuple(a, b)}, {@code a}. */
    static List<String> orderByColumns(String orderBy) {
        String s = orderBy.strip();
        if (s.regionMatches(true, 0, "tuple", 0, 5)) s = s.substring(5).strip();
        if (s.startsWith("(") && s.endsWith(")")) s = s.substring(1, s.length() - 1);
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.strip();
            if (p.length() >= 2 && p.charAt(0) == '`' && p.charAt(p.length() - 1) == '`') {
                p = p.substring(1, p.length() - 1);
            }
            if (!p.isEmpty()) out.add(p);
        }
        return out;
    }

    private static ProxistException unsupported(String table, String what, Object column) {
        return new ProxistException(ErrorCode.NOT_IMPLEMENTED, what + " [table=" + table + ", column=" + column + "]");
    }

    public String table() {
        return table;
    }

    public int columnCount() {
        return columns.length;
    }

    public ColumnSpec column(int i) {
        return columns[i];
    }

    /** Index of the column named {@code name}, or -1. */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.length; i++) if (columns[i].name().equals(name)) return i;
        return -1;
    }

    public int tsColumn() {
        return tsColumn;
    }

    public int seqColumn() {
        return seqColumn;
    }

    /** Number of series key columns: 1 or 2. */
    public int seriesKeyParts() {
        return seriesColumns.length;
    }

    /** Column index of series key part {@code part}. */
    public int seriesColumn(int part) {
        return seriesColumns[part];
    }

    /** XOR-ed into seq before a signed comparison: {@link Long#MIN_VALUE} for unsigned seq types, else 0. */
    public long seqBias() {
        return seqBias;
    }

    /** Key order within a series: (ts, seq), seq as its type compares. */
    public static int compareKey(long ts1, long seq1, long ts2, long seq2, long seqBias) {
        int c = Long.compare(ts1, ts2);
        return c != 0 ? c : Long.compare(seq1 ^ seqBias, seq2 ^ seqBias);
    }

    @Override
    public String toString() {
        return "TableLayout[" + table + ", " + List.of(columns) + "]";
    }
}
