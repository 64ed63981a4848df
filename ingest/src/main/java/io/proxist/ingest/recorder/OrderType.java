package io.proxist.ingest.recorder;

/** Order type (Enum8 {@code orders.order_type}). */
public enum OrderType implements SqlEnum {
    LIMIT("limit"),
    MARKET("market"),
    STOP("stop"),
    STOP_LIMIT("stop_limit");

    private final String sqlName;

    OrderType(String sqlName) {
        this.sqlName = sqlName;
    }

    @Override
    public String sqlName() {
        return sqlName;
    }
}
