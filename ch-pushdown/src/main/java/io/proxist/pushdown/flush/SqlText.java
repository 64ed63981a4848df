package io.proxist.pushdown.flush;

/** Quoting for the few statements the flusher writes itself (identifiers and string literals). */
final class SqlText {
    private SqlText() {}

    static String identifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    static String string(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
