package io.proxist.core.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table as Proxist knows it: columns and the MergeTree clauses, expressions kept as ClickHouse SQL text.
 *
 * @param engine the engine with its arguments, e.g. {@code ReplacingMergeTree(version)}
 * @param partitionBy the PARTITION BY expression, empty when there is none
 * @param orderBy the ORDER BY expression, e.g. {@code (symbol, ts, seq)}
 * @param ttl the table TTL expression, empty when there is none
 * @param settings the SETTINGS clause body, empty when there is none
 * @param comment the table comment, empty when there is none
 */
public record TableSchema(
        String name,
        List<ColumnDef> columns,
        String engine,
        String partitionBy,
        String orderBy,
        String ttl,
        String settings,
        String comment) {

    public TableSchema {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        engine = Objects.requireNonNull(engine, "engine");
        partitionBy = partitionBy == null ? "" : partitionBy;
        orderBy = orderBy == null ? "" : orderBy;
        ttl = ttl == null ? "" : ttl;
        settings = settings == null ? "" : settings;
        comment = comment == null ? "" : comment;
    }

    public Optional<ColumnDef> column(String columnName) {
        for (ColumnDef c : columns) {
            if (c.name().equals(columnName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public TableSchema withColumns(List<ColumnDef> newColumns) {
        return new TableSchema(name, newColumns, engine, partitionBy, orderBy, ttl, settings, comment);
    }

    public TableSchema withClauses(String newPartitionBy, String newOrderBy, String newTtl, String newComment) {
        return new TableSchema(name, columns, engine, newPartitionBy, newOrderBy, newTtl, settings, newComment);
    }
}
