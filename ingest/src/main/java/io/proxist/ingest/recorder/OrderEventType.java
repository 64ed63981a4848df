package io.proxist.ingest.recorder;

/** Lifecycle event of an order (Enum8 {@code orders.event}). */
public enum OrderEventType implements SqlEnum {
    NEW("new"),
    AMEND("amend"),
    CANCEL("cancel"),
    REJECT("reject"),
    ACK("ack"),
    EXPIRE("expire");

    private final String sqlName;

    OrderEventType(String sqlName) {
        this.sqlName = sqlName;
    }

    @Override
    public String sqlName() {
        return sqlName;
    }
}
