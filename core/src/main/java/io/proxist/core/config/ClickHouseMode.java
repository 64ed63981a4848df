package io.proxist.core.config;

/** Where Proxist's ClickHouse comes from. */
public enum ClickHouseMode {
    /** Proxist starts and stops a local ClickHouse server with its own data directory. */
    MANAGED,
    /** Proxist connects to a ClickHouse server it does not own, at {@code clickhouse.url}. */
    EXTERNAL
}
