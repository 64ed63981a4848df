package io.proxist.server.admin;

import io.proxist.chclient.ClickHouseServer;
import io.proxist.core.config.ProxistConfig;
import io.proxist.core.query.ServerIdentity;
import io.proxist.protocol.auth.Users;
import io.proxist.server.ingest.IngestRuntime;

/**
 * What the admin API reads and acts on: the running Proxist's parts.
 *
 * @param config the configuration Proxist started with
 * @param clickhouse the backing ClickHouse
 * @param ingest the ingest side, or null when Proxist owns no table
 * @param identity what Proxist reports itself as
 * @param users who may use the admin API (the users of the HTTP interface)
 * @param httpPort the ClickHouse HTTP port Proxist serves
 * @param nativePort the native protocol port Proxist serves
 * @param retention the partition-maintenance job, or null when Proxist owns no table
 */
public record AdminContext(
        ProxistConfig config,
        ClickHouseServer clickhouse,
        IngestRuntime ingest,
        ServerIdentity identity,
        Users users,
        int httpPort,
        int nativePort,
        io.proxist.server.retention.PartitionRetention retention) {

    IngestRuntime requireIngest() {
        if (ingest == null) throw AdminException.noIngest();
        return ingest;
    }
}
