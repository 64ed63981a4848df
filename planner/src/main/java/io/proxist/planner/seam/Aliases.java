package io.proxist.planner.seam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * ClickHouse lets a select-list alias be used anywhere in the query (WHERE, GROUP BY, HAVING, ORDER BY, other
 * select items), and an alias wins over a column of the same name: this replaces each use by its expression.
 */
final class Aliases {
    private final Map<String, SqlNode> byName = new HashMap<>();

    Aliases(List<SqlNode> select) {
        for (SqlNode n : select) {
            String a = Shape.aliasOf(n);
            if (a != null) byName.put(a, Shape.unalias(n));
        }
    }

    SqlNode expand(SqlNode node) {
        return node == null ? null : expand(node, 0);
    }

    private SqlNode expand(SqlNode node, int depth) {
        if (depth > 16) throw Shape.unsupported("aliases that refer to each other in a cycle");
        return node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                if (!id.isSimple()) return id;
                SqlNode e = byName.get(id.getSimple());
                // "x AS x" and an alias over its own column ("f(ts) AS ts") mean the column inside
                if (e == null
                        || e instanceof SqlIdentifier i
                                && i.isSimple()
                                && i.getSimple().equals(id.getSimple())) return id;
                return expandExcept(e, id.getSimple(), depth + 1);
            }
        });
    }

    private SqlNode expandExcept(SqlNode node, String self, int depth) {
        SqlNode saved = byName.remove(self);
        try {
            return expand(node, depth);
        } finally {
            byName.put(self, saved);
        }
    }
}
