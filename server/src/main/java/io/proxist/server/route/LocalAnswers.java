package io.proxist.server.route;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.LongColumn;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.query.QueryContext;
import io.proxist.core.query.ServerIdentity;
import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import io.proxist.core.type.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Answers what the backing server cannot and clients ask on connect: a SELECT without FROM of
 * {@code version()}, {@code timezone()}, {@code currentUser()}, {@code displayName()}, {@code revision()},
 * {@code getSetting('x')}, {@code currentDatabase()}, {@code hostName()}, {@code uptime()}, each optionally
 * aliased, then an optional {@code LIMIT n}. Anything else is not answered here.
 */
public final class LocalAnswers {
    private final ServerIdentity identity;
    private final long startedAtNanos = System.nanoTime();

    public LocalAnswers(ServerIdentity identity) {
        this.identity = identity;
    }

    /** The answer, or null when the statement is not a connect probe. */
    public BlockCursor tryAnswer(QueryContext ctx, String sql) {
        List<SqlToken> t;
        try {
            t = SqlLexer.lex(sql);
        } catch (RuntimeException e) {
            return null;
        }
        if (t.isEmpty() || !t.getFirst().isWord("SELECT")) return null;
        if (readsSystemWarnings(t)) {
            // current clickhouse-client asks on connect (through viewIfPermitted, which older servers lack):
            // Proxist has no server warnings to show
            return new OneBlock(Block.header(
                    List.of("message"), List.of(io.proxist.core.block.Columns.empty(DataType.of("String")))));
        }
        List<String> names = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        int i = 1;
        while (true) {
            if (i + 2 >= t.size()
                    || t.get(i).type() != SqlToken.Type.WORD
                    || !t.get(i + 1).isPunct('(')) return null;
            String fn = t.get(i).text();
            String arg = null;
            int close = i + 2;
            if (t.get(close).type() == SqlToken.Type.STRING) {
                arg = t.get(close).text();
                close++;
            }
            if (close >= t.size() || !t.get(close).isPunct(')')) return null;
            String display = sql.substring(t.get(i).start(), t.get(close).end());
            Column c = value(fn, arg, ctx);
            if (c == null) return null;
            i = close + 1;
            if (i < t.size() && t.get(i).isWord("AS") && i + 1 < t.size()) {
                display = t.get(i + 1).text();
                i += 2;
            }
            names.add(display);
            cols.add(c);
            if (i < t.size() && t.get(i).isPunct(',')) {
                i++;
                continue;
            }
            break;
        }
        if (i < t.size()
                && t.get(i).isWord("LIMIT")
                && i + 1 < t.size()
                && t.get(i + 1).type() == SqlToken.Type.NUMBER) {
            if (Long.parseLong(t.get(i + 1).text()) == 0)
                cols.replaceAll(c -> io.proxist.core.block.Columns.empty(c.type()));
            i += 2;
        }
        while (i < t.size() && t.get(i).isPunct(';')) i++;
        if (i != t.size()) return null;
        int rows = cols.getFirst().size();
        return new OneBlock(new Block(names, cols, rows));
    }

    /** Whether the statement reads {@code system.warnings}, a table the backend may not have. */
    private static boolean readsSystemWarnings(List<SqlToken> t) {
        for (int i = 0; i + 2 < t.size(); i++) {
            if (t.get(i).isWord("system")
                    && t.get(i + 1).isPunct('.')
                    && t.get(i + 2).isWord("warnings")) return true;
        }
        return false;
    }

    private Column value(String fn, String arg, QueryContext ctx) {
        return switch (fn.toLowerCase(Locale.ROOT)) {
            case "version" -> arg == null ? string(identity.version()) : null;
            case "timezone", "servertimezone", "timezoneof" -> arg == null ? string(identity.timeZone()) : null;
            case "currentuser", "user" -> arg == null ? string(ctx.user()) : null;
            case "displayname" -> arg == null ? string(identity.displayName()) : null;
            case "hostname" -> arg == null ? string(identity.displayName()) : null;
            case "currentdatabase", "database" -> arg == null ? string(ctx.database()) : null;
            case "revision" -> arg == null ? number("UInt32", identity.revision()) : null;
            case "uptime" ->
                arg == null ? number("UInt32", (System.nanoTime() - startedAtNanos) / 1_000_000_000L) : null;
            case "getsetting" -> arg == null ? null : string(ctx.settings().getOrDefault(arg, SettingDefaults.of(arg)));
            default -> null;
        };
    }

    private static Column string(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        return new BytesColumn(DataType.of("String"), b, new int[] {0, b.length}, 1);
    }

    private static Column number(String type, long v) {
        return new LongColumn(DataType.of(type), new long[] {v}, 1);
    }

    /** A result of one block. */
    static final class OneBlock implements BlockCursor {
        private final Block block;
        private boolean done;

        OneBlock(Block block) {
            this.block = block;
        }

        @Override
        public Block header() {
            List<Column> empty = new ArrayList<>();
            for (Column c : block.columns()) empty.add(io.proxist.core.block.Columns.empty(c.type()));
            return Block.header(block.names(), empty);
        }

        @Override
        public Block next() {
            if (done) return null;
            done = true;
            return block;
        }

        @Override
        public long rowsRead() {
            return block.rows();
        }

        @Override
        public void close() {}
    }
}
