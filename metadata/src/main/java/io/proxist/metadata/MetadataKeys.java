package io.proxist.metadata;

import java.util.Objects;

/**
 * Keys of the maps whose key is a table plus a number: {@code table + '\0' + decimal number}. Table names are
 * non-empty and never contain {@code '\0'}, so the last {@code '\0'} splits a key unambiguously.
 */
final class MetadataKeys {
    static final char SEPARATOR = '\0';
    static final int MAX_TABLE_NAME_LENGTH = 1024;

    private MetadataKeys() {}

    static String checkTable(String table) {
        Objects.requireNonNull(table, "table");
        if (table.isEmpty() || table.length() > MAX_TABLE_NAME_LENGTH || table.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("bad table name [table=" + table.replace(SEPARATOR, '?')
                    + ", expected: 1.." + MAX_TABLE_NAME_LENGTH + " characters, no NUL]");
        }
        return table;
    }

    static String key(String table, long number) {
        return checkTable(table) + SEPARATOR + number;
    }

    /** The key prefix every key of {@code table} starts with. */
    static String prefix(String table) {
        return checkTable(table) + SEPARATOR;
    }

    static String table(String key) {
        return key.substring(0, separatorOf(key));
    }

    static long number(String key) {
        return Long.parseLong(key, separatorOf(key) + 1, key.length(), 10);
    }

    private static int separatorOf(String key) {
        int i = key.lastIndexOf(SEPARATOR);
        if (i <= 0) throw new IllegalArgumentException("not a table key [key=" + key.replace(SEPARATOR, '?') + "]");
        return i;
    }
}
