package io.proxist.ingest.recorder;

/** Time in force instruction (Enum8 {@code orders.time_in_force}). */
public enum TimeInForce implements SqlEnum {
    DAY("day"),
    GTC("gtc"),
    IOC("ioc"),
    FOK("fok");

    private final String sqlName;

    TimeInForce(String sqlName) {
        this.sqlName = sqlName;
    }

    @Override
    public String sqlName() {
        return sqlName;
    }
}
