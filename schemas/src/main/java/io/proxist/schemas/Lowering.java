package io.proxist.schemas;

import io.proxist.chclient.Capabilities;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.schemas.DdlLexer.Kind;
import io.proxist.schemas.DdlLexer.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lowers a logical table to what a server can store. Without DateTime64 a timestamp column becomes Int64
 * nanoseconds since the epoch (UTC) and expressions over it (PARTITION BY, TTL) read it through
 * {@code toDateTime(intDiv(col, 1000000000), 'UTC')}; without LowCardinality the inner type is stored; without
 * TTL the clause is dropped and the retention job enforces it; without table comments the comment is dropped.
 * The logical schema stays what clients see.
 */
public final class Lowering {
    private Lowering() {}

    public static TableSchema lower(TableSchema logical, Capabilities caps) {
        Set<String> loweredTimestamps = new HashSet<>();
        List<ColumnDef> cols = new ArrayList<>(logical.columns().size());
        for (ColumnDef c : logical.columns()) {
            DataType t = lowerType(c.type(), caps);
            if (!caps.dateTime64() && c.type().is("DateTime64")) {
                loweredTimestamps.add(c.name());
            }
            cols.add(t == c.type() ? c : c.withType(t));
        }
        String partitionBy = rewriteTimestamps(logical.partitionBy(), loweredTimestamps);
        String ttl = caps.ttl() ? rewriteTimestamps(logical.ttl(), loweredTimestamps) : "";
        String comment = caps.tableComments() ? logical.comment() : "";
        return logical.withColumns(cols).withClauses(partitionBy, logical.orderBy(), ttl, comment);
    }

    /** The physical type of a logical type on a server with {@code caps}. */
    public static DataType lowerType(DataType logical, Capabilities caps) {
        return logical.rewrite(t -> {
            if (!caps.dateTime64() && t.is("DateTime64")) {
                return DataType.of("Int64");
            }
            if (!caps.lowCardinality() && t.is("LowCardinality")) {
                return t.inner();
            }
            return t;
        });
    }

    private static String rewriteTimestamps(String expr, Set<String> columns) {
        if (expr.isEmpty() || columns.isEmpty()) {
            return expr;
        }
        StringBuilder sb = new StringBuilder();
        int copied = 0;
        for (Token t : DdlLexer.lex(expr)) {
            if (t.kind() == Kind.WORD && columns.contains(t.text())) {
                sb.append(expr, copied, t.start());
                sb.append("toDateTime(intDiv(").append(t.text()).append(", 1000000000), 'UTC')");
                copied = t.end();
            }
        }
        return sb.append(expr.substring(copied)).toString();
    }
}
