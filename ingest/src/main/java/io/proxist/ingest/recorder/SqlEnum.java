package io.proxist.ingest.recorder;

/**
 * A Java enum recorded in a ClickHouse {@code Enum8} column. The code written is looked up by {@link #sqlName()} in
 * the column's type when the mapper is built, never hard-coded, so a Java constant the table does not define is
 * rejected as {@link RejectReason#UNKNOWN_ENUM_VALUE} instead of being written under a wrong code.
 */
public interface SqlEnum {
    /** The entry's name in the Enum8 definition, e.g. {@code buy}. */
    String sqlName();
}
