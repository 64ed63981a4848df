package io.proxist.protocol.tcp;

/**
 * Packet ids and protocol revisions of ClickHouse's native TCP protocol (src/Core/Protocol.h,
 * src/Core/ProtocolDefines.h). A connection uses {@code min(client revision, SERVER_REVISION)} for every field
 * it reads and writes.
 */
final class NativeProtocol {
    private NativeProtocol() {}

    /** The revision Proxist advertises: elapsed_ns in Progress, query parameters, the Hello addendum. */
    static final int SERVER_REVISION = 54460;

    /** Clients older than this send no ClientInfo with a query; Proxist does not serve them. */
    static final int MIN_CLIENT_REVISION = 54032;

    static final int WITH_CLIENT_INFO = 54032;
    static final int WITH_SERVER_TIMEZONE = 54058;
    static final int WITH_QUOTA_KEY_IN_CLIENT_INFO = 54060;
    static final int WITH_TOTAL_ROWS_IN_PROGRESS = 51554;
    static final int WITH_SERVER_DISPLAY_NAME = 54372;
    static final int WITH_VERSION_PATCH = 54401;
    static final int WITH_CLIENT_WRITE_INFO = 54420;
    static final int WITH_SETTINGS_AS_STRINGS = 54429;
    /** Clients before it know no LowCardinality: ClickHouse sends them (and takes from them) the plain type. */
    static final int WITH_LOW_CARDINALITY_TYPE = 54405;
    /** The first revision of the releases that have DateTime64 (20.1): older clients cannot parse the type name. */
    static final int CLIENTS_KNOW_DATETIME64 = 54431;

    static final int WITH_INTERSERVER_SECRET = 54441;
    static final int WITH_OPENTELEMETRY = 54442;
    static final int WITH_X_FORWARDED_FOR = 54443;
    static final int WITH_REFERER = 54447;
    static final int WITH_DISTRIBUTED_DEPTH = 54448;
    static final int WITH_INITIAL_QUERY_START_TIME = 54449;
    static final int WITH_INCREMENTAL_PROFILE_EVENTS = 54451;
    static final int WITH_PARALLEL_REPLICAS = 54453;
    static final int WITH_PROFILE_EVENTS_IN_INSERT = 54456;
    static final int WITH_ADDENDUM = 54458;
    static final int WITH_PARAMETERS = 54459;
    static final int WITH_SERVER_QUERY_TIME_IN_PROGRESS = 54460;

    // client packets
    static final int CLIENT_HELLO = 0;
    static final int CLIENT_QUERY = 1;
    static final int CLIENT_DATA = 2;
    static final int CLIENT_CANCEL = 3;
    static final int CLIENT_PING = 4;
    static final int CLIENT_TABLES_STATUS_REQUEST = 5;
    static final int CLIENT_KEEP_ALIVE = 6;

    // server packets
    static final int SERVER_HELLO = 0;
    static final int SERVER_DATA = 1;
    static final int SERVER_EXCEPTION = 2;
    static final int SERVER_PROGRESS = 3;
    static final int SERVER_PONG = 4;
    static final int SERVER_END_OF_STREAM = 5;
    static final int SERVER_PROFILE_INFO = 6;
    static final int SERVER_TOTALS = 7;
    static final int SERVER_EXTREMES = 8;
    static final int SERVER_TABLES_STATUS_RESPONSE = 9;
    static final int SERVER_PROFILE_EVENTS = 14;

    /** Query processing stage: Complete. */
    static final int STAGE_COMPLETE = 2;

    /** Setting flags of the strings-with-flags form. */
    static final int SETTING_FLAG_IMPORTANT = 0x01;

    static final int SETTING_FLAG_CUSTOM = 0x02;
}
