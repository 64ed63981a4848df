package io.proxist.server.admin;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.ingest.IngestService;
import io.proxist.server.ingest.IngestRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/flush[?table=T][&timeout_ms=N]}: waits until every row acknowledged before the request, of one
 * owned table or of all, is confirmed in ClickHouse ({@link IngestService#awaitPersisted}). The flushers send
 * batches as soon as they can anyway; this is the barrier an operator waits on (before a maintenance, a shutdown, a
 * check). 200 when everything is in; 504 TIMEOUT_EXCEEDED, with what is still pending per table, when the timeout
 * (default admin.flush-timeout-ms) passes first.
 */
final class FlushAction {
    private final AdminContext context;
    private final ConfigAdmin config;

    FlushAction(AdminContext context, ConfigAdmin config) {
        this.context = context;
        this.config = config;
    }

    AdminServer.Response flush(AdminServer.Request r) {
        IngestRuntime ingest = context.requireIngest();
        IngestService service = ingest.service();
        String only = r.param("table", null);
        List<String> tables = new ArrayList<>();
        if (only == null || only.isEmpty()) {
            tables.addAll(service.tableNames());
        } else {
            service.table(only); // UNKNOWN_TABLE (404) for a table Proxist does not own
            tables.add(only);
        }
        long timeoutMs = r.number("timeout_ms", config.flushTimeoutMillis());
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMs).toNanos();
        List<Object> results = new ArrayList<>();
        boolean all = true;
        for (String t : tables) {
            long pendingBefore = service.stats(t).pendingRows();
            long t0 = System.nanoTime();
            boolean done;
            try {
                service.awaitPersisted(t, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                done = true;
            } catch (ProxistException e) {
                if (e.code() != ErrorCode.TIMEOUT_EXCEEDED) throw e;
                done = false;
            }
            all &= done;
            IngestService.TableStats st = service.stats(t);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t);
            m.put("done", done);
            m.put("pending_rows_before", pendingBefore);
            m.put("pending_rows", st.pendingRows());
            m.put("confirmed_position", st.confirmedLsn());
            m.put(
                    "t_persisted",
                    st.watermark() == Long.MIN_VALUE
                            ? null
                            : Instant.ofEpochSecond(0, st.watermark()).toString());
            m.put("waited_ms", (System.nanoTime() - t0) / 1_000_000);
            results.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!all) {
            out.put(
                    "error",
                    "not everything acknowledged reached ClickHouse within " + timeoutMs + " ms (is it down? see"
                            + " /admin/status)");
            out.put("code", ErrorCode.TIMEOUT_EXCEEDED.name());
        }
        out.put("flushed", all);
        out.put("timeout_ms", timeoutMs);
        out.put("tables", results);
        return AdminServer.Response.json(all ? 200 : 504, out);
    }
}
