package io.proxist.core.query;

/**
 * One statement as the protocol layer hands it on: its SQL without the FORMAT clause, the output format the
 * client asked for (or null), and for INSERT the data format and the bytes of data that followed the statement
 * in the same text.
 *
 * @param kind what sort of statement this is, from its first keyword
 * @param sql the statement text, FORMAT clause removed
 * @param format the FORMAT named in the statement, or null
 * @param insertTable for INSERT: the table, possibly database-qualified; else null
 * @param insertColumns for INSERT: the column list text between parentheses, or null
 * @param inlineData for INSERT: bytes after {@code FORMAT X} / {@code VALUES} in the query text, or an empty array
 */
public record Statement(
        StatementKind kind, String sql, String format, String insertTable, String insertColumns, byte[] inlineData) {

    public Statement withKind(StatementKind k) {
        return new Statement(k, sql, format, insertTable, insertColumns, inlineData);
    }

    /** True for INSERT ... SELECT (no client data). */
    public boolean insertSelect() {
        return kind == StatementKind.INSERT && inlineData == null;
    }
}
