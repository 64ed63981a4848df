package io.proxist.core.query;

/**
 * How Proxist presents itself to clients: as a current ClickHouse server (clients pick protocol features by
 * version; clickhouse-go warns below 25.8), with its own display name and the server time zone.
 *
 * @param version the ClickHouse version reported, e.g. {@code 25.8.1.1}
 * @param revision the native protocol revision advertised
 */
public record ServerIdentity(String version, int revision, String displayName, String timeZone) {
    public static final String COMPAT_VERSION = "25.8.1.1";
    public static final int COMPAT_REVISION = 54460;

    public int major() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    public int minor() {
        return Integer.parseInt(version.split("\\.")[1]);
    }

    public int patch() {
        return Integer.parseInt(version.split("\\.")[2]);
    }
}
