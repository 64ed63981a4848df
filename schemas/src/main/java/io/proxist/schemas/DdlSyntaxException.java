package io.proxist.schemas;

/** A DDL statement the parser cannot read; carries the line and column of the problem. */
final class DdlSyntaxException extends RuntimeException {
    DdlSyntaxException(String what, String sql, int offset) {
        super(what + " at " + position(sql, offset));
    }

    private static String position(String sql, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(offset, sql.length()); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + ", column " + col;
    }
}
