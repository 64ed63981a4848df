package io.proxist.core.schema;

import io.proxist.core.type.DataType;
import java.util.Objects;

/**
 * One column of a table's logical schema.
 *
 * @param defaultKind {@code DEFAULT}, {@code MATERIALIZED}, {@code ALIAS}, or empty
 * @param defaultExpression the expression of the default, empty when there is none
 * @param comment the column's comment, empty when there is none
 */
public record ColumnDef(String name, DataType type, String defaultKind, String defaultExpression, String comment) {
    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        defaultKind = defaultKind == null ? "" : defaultKind;
        defaultExpression = defaultExpression == null ? "" : defaultExpression;
        comment = comment == null ? "" : comment;
    }

    public ColumnDef withType(DataType newType) {
        return new ColumnDef(name, newType, defaultKind, defaultExpression, comment);
    }
}
