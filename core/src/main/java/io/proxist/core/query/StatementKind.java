package io.proxist.core.query;

/** The sort of statement, from its leading keyword. */
public enum StatementKind {
    /** SELECT, WITH, SHOW, DESCRIBE, EXISTS, EXPLAIN: returns rows. */
    QUERY,
    INSERT,
    /** SET name = value, applied to the session. */
    SET,
    /** USE db. */
    USE,
    /** DDL and everything else: no rows back. */
    OTHER
}
