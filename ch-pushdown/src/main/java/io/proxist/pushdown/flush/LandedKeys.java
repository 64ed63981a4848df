package io.proxist.pushdown.flush;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.block.LongColumn;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The idempotency check after an ambiguous failure: which of a batch's keys are already in ClickHouse. For each
 * chunk of keys it asks
 *
 * <pre>SELECT DISTINCT hex(symbol), toInt64(ts), toInt64(seq) FROM db.t WHERE (symbol, ts, seq) IN ((...), ...)</pre>
 *
 * and compares the answers with the batch's keys rendered the same way (strings as hex of their bytes, integers as
 * signed 64-bit decimals). Counting is not FINAL-sensitive: a key present in any part counts as landed. Key columns
 * must be integers (Int*, UInt*, Date, DateTime, Enum, held as longs) or strings.
 */
final class LandedKeys {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private LandedKeys() {}

    /** Indexes of the block's rows whose key is not in ClickHouse, ascending. */
    static int[] missing(FlushHttpClient client, FlushTable table, Block block, int chunk)
            throws InsertFailure, InterruptedException {
        Column[] key = keyColumns(table, block);
        int[] missing = new int[block.rows()];
        int m = 0;
        for (int from = 0; from < block.rows(); from += chunk) {
            int to = Math.min(block.rows(), from + chunk);
            Set<String> landed = landed(client, table, key, from, to);
            for (int r = from; r < to; r++) {
                if (!landed.contains(render(key, r))) missing[m++] = r;
            }
        }
        return java.util.Arrays.copyOf(missing, m);
    }

    static Column[] keyColumns(FlushTable table, Block block) {
        Column[] key = new Column[table.sortKey().size()];
        for (int k = 0; k < key.length; k++) {
            key[k] = block.column(BlockOps.indexOf(block, table.sortKey().get(k)));
            if (!(key[k] instanceof LongColumn
                    || key[k] instanceof BytesColumn
                    || key[k] instanceof FixedBytesColumn)) {
                throw new IllegalArgumentException("key column must be an integer or a string [table=" + table.table()
                        + ", column=" + table.sortKey().get(k) + ", type=" + key[k].type() + "]");
            }
        }
        return key;
    }

    private static Set<String> landed(FlushHttpClient client, FlushTable table, Column[] key, int from, int to)
            throws InsertFailure, InterruptedException {
        StringBuilder sql = new StringBuilder("SELECT DISTINCT ");
        for (int k = 0; k < key.length; k++) {
            if (k > 0) sql.append(", ");
            String col = SqlText.identifier(table.sortKey().get(k));
            sql.append(key[k] instanceof LongColumn ? "toInt64(" + col + ")" : "hex(" + col + ")");
        }
        sql.append(" FROM ").append(table.qualified()).append(" WHERE (");
        for (int k = 0; k < key.length; k++) {
            if (k > 0) sql.append(", ");
            sql.append(SqlText.identifier(table.sortKey().get(k)));
        }
        sql.append(") IN (");
        for (int r = from; r < to; r++) {
            if (r > from) sql.append(", ");
            sql.append('(');
            for (int k = 0; k < key.length; k++) {
                if (k > 0) sql.append(", ");
                literal(key[k], r, sql);
            }
            sql.append(')');
        }
        sql.append(')');
        String body = client.query(table.database(), sql.toString());
        Set<String> landed = new HashSet<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) landed.add(line);
        }
        return landed;
    }

    /** A row's key as the probe prints it: columns joined by tabs. */
    static String render(Column[] key, int row) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < key.length; k++) {
            if (k > 0) sb.append('\t');
            switch (key[k]) {
                case LongColumn l -> sb.append(l.values()[row]);
                case BytesColumn b -> sb.append(HEX.formatHex(b.data(), b.start(row), b.start(row) + b.length(row)));
                case FixedBytesColumn f -> sb.append(HEX.formatHex(f.data(), row * f.width(), (row + 1) * f.width()));
                default -> throw new IllegalStateException("checked in keyColumns");
            }
        }
        return sb.toString();
    }

    private static void literal(Column c, int row, StringBuilder sql) {
        switch (c) {
            case LongColumn l -> {
                long v = l.values()[row];
                sql.append(l.type().family().startsWith("UInt") ? Long.toUnsignedString(v) : Long.toString(v));
            }
            case BytesColumn b -> bytesLiteral(b.data(), b.start(row), b.length(row), sql);
            case FixedBytesColumn f -> bytesLiteral(f.data(), row * f.width(), f.width(), sql);
            default -> throw new IllegalStateException("checked in keyColumns");
        }
    }

    /** A string literal with every byte outside printable ASCII, and quote and backslash, as {@code \xHH}. */
    private static void bytesLiteral(byte[] data, int start, int len, StringBuilder sql) {
        sql.append('\'');
        for (int i = start; i < start + len; i++) {
            int b = data[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\'' && b != '\\') sql.append((char) b);
            else sql.append("\\x").append(HEX.toHexDigits((byte) b));
        }
        sql.append('\'');
    }
}
