package io.proxist.server.route;

import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import java.util.List;

/**
 * Makes an older server's system tables look like a current one's where clients read columns it lacks: a
 * reference to {@code system.settings} after FROM or JOIN becomes a subquery over the backend's table that adds
 * {@code readonly}, {@code type}, {@code default}, {@code min}, {@code max}, {@code alias_for},
 * {@code is_obsolete} and {@code tier}, so filters and projections on them run on the backend as written. Works
 * on tokens; the rest of the statement is untouched.
 */
final class SystemTableShims {
    private static final String SETTINGS = "(SELECT name, value, changed, description, toUInt8(0) AS readonly,"
            + " 'String' AS type, value AS default, '' AS min, '' AS max, '' AS alias_for, toUInt8(0) AS is_obsolete,"
            + " 'Production' AS tier FROM system.settings)";

    private SystemTableShims() {}

    /** The statement with the shims in place, or the statement itself when it reads none of these tables. */
    static String rewrite(String sql, boolean backendHasReadonly) {
        if (backendHasReadonly) return sql;
        List<SqlToken> t;
        try {
            t = SqlLexer.lex(sql);
        } catch (RuntimeException e) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + SETTINGS.length());
        int copied = 0;
        for (int i = 1; i + 2 < t.size(); i++) {
            SqlToken prev = t.get(i - 1);
            if ((prev.isWord("FROM") || prev.isWord("JOIN"))
                    && t.get(i).isWord("system")
                    && t.get(i + 1).isPunct('.')
                    && t.get(i + 2).isWord("settings")) {
                boolean aliased = i + 3 < t.size()
                        && (t.get(i + 3).isWord("AS")
                                || (t.get(i + 3).type() == SqlToken.Type.WORD && !isClause(t.get(i + 3))));
                out.append(sql, copied, t.get(i).start()).append(SETTINGS);
                if (!aliased) out.append(" AS settings");
                copied = t.get(i + 2).end();
            }
        }
        if (copied == 0) return sql;
        return out.append(sql.substring(copied)).toString();
    }

    private static boolean isClause(SqlToken t) {
        for (String w : new String[] {
            "WHERE",
            "PREWHERE",
            "GROUP",
            "ORDER",
            "LIMIT",
            "HAVING",
            "SETTINGS",
            "UNION",
            "INNER",
            "LEFT",
            "RIGHT",
            "FULL",
            "CROSS",
            "ANY",
            "ALL",
            "ARRAY",
            "JOIN",
            "GLOBAL",
            "ON",
            "USING",
            "FORMAT",
            "INTO",
            "WITH",
            "SAMPLE",
            "FINAL",
            "OFFSET"
        }) {
            if (t.isWord(w)) return true;
        }
        return false;
    }
}
