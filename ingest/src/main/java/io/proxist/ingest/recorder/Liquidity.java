package io.proxist.ingest.recorder;

/** Whether a fill added or removed liquidity (Enum8 {@code fills.liquidity}). */
public enum Liquidity implements SqlEnum {
    UNKNOWN("unknown"),
    MAKER("maker"),
    TAKER("taker");

    private final String sqlName;

    Liquidity(String sqlName) {
        this.sqlName = sqlName;
    }

    @Override
    public String sqlName() {
        return sqlName;
    }
}
