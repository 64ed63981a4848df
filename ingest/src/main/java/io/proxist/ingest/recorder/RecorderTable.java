package io.proxist.ingest.recorder;

/** The tables the recorder writes, one event family each (schemas/ddl). */
public enum RecorderTable {
    MARKET_DATA("market_data"),
    TRADES("trades"),
    ORDERS("orders"),
    FILLS("fills"),
    POSITIONS_INTRADAY("positions_intraday"),
    ACCOUNT_STATE("account_state"),
    RISK_DECISIONS("risk_decisions"),
    GUARDRAIL_TRANSITIONS("guardrail_transitions"),
    SYSTEM_EVENTS("system_events");

    private final String tableName;

    RecorderTable(String tableName) {
        this.tableName = tableName;
    }

    /** The ClickHouse table name, as in its DDL. */
    public String tableName() {
        return tableName;
    }
}
