package io.proxist.schemas;

import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;

/** Writes a {@link TableSchema} as one {@code CREATE TABLE IF NOT EXISTS} statement. */
public final class DdlRenderer {
    private DdlRenderer() {}

    public static String createTable(String database, TableSchema t) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ");
        if (database != null && !database.isEmpty()) {
            sb.append(quoteIdentifier(database)).append('.');
        }
        sb.append(quoteIdentifier(t.name())).append("\n(\n");
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnDef c = t.columns().get(i);
            sb.append("    ").append(quoteIdentifier(c.name())).append(' ').append(c.type());
            if (!c.defaultKind().isEmpty()) {
                sb.append(' ').append(c.defaultKind()).append(' ').append(c.defaultExpression());
            }
            if (!c.comment().isEmpty()) {
                sb.append(" COMMENT ").append(quoteString(c.comment()));
            }
            sb.append(i + 1 < t.columns().size() ? ",\n" : "\n");
        }
        sb.append(")\nENGINE = ").append(t.engine());
        if (!t.partitionBy().isEmpty()) sb.append("\nPARTITION BY ").append(t.partitionBy());
        if (!t.orderBy().isEmpty()) sb.append("\nORDER BY ").append(t.orderBy());
        if (!t.ttl().isEmpty()) sb.append("\nTTL ").append(t.ttl());
        if (!t.settings().isEmpty()) sb.append("\nSETTINGS ").append(t.settings());
        if (!t.comment().isEmpty()) sb.append("\nCOMMENT ").append(quoteString(t.comment()));
        return sb.toString();
    }

    /** Backquotes an identifier unless it is a plain word. */
    public static String quoteIdentifier(String id) {
        if (id.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return id;
        }
        return '`' + id.replace("\\", "\\\\").replace("`", "\\`") + '`';
    }

    public static String quoteString(String s) {
        return '\'' + s.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }
}
