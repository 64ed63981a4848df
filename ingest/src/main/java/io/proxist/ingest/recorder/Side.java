package io.proxist.ingest.recorder;

/** Side of an order, a fill or the aggressor of a public trade (Enum8 {@code side}). */
public enum Side implements SqlEnum {
    UNKNOWN("unknown"),
    BUY("buy"),
    SELL("sell");

    private final String sqlName;

    Side(String sqlName) {
        this.sqlName = sqlName;
    }

    @Override
    public String sqlName() {
        return sqlName;
    }
}
