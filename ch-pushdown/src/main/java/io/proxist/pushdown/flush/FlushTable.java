package io.proxist.pushdown.flush;

import java.util.List;
import java.util.Objects;

/**
 * The ClickHouse table a flusher persists to.
 *
 * @param database the table's database on the backing server
 * @param table the table's name
 * @param sortKey the table's ORDER BY columns, which are also its row key ({@code symbol, ts, seq})
 */
public record FlushTable(String database, String table, List<String> sortKey) {
    public FlushTable {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        sortKey = List.copyOf(sortKey);
        if (sortKey.isEmpty()) throw new IllegalArgumentException("a flushed table needs a key [table=" + table + "]");
    }

    /** {@code `db`.`table`} for SQL. */
    String qualified() {
        return SqlText.identifier(database) + "." + SqlText.identifier(table);
    }
}
