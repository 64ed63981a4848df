package io.proxist.server.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records of one table counted: how many, their rows and bytes, position and ts ranges, and (optionally) each one. */
final class WalTally {
    /** Positions listed at most, per table, in a report. */
    static final int MAX_LISTED = 10_000;

    final String table;
    private final boolean listPositions;
    long records;
    long rows;
    long bytes;
    long firstPosition = -1;
    long lastPosition = -1;
    long minTs = Long.MAX_VALUE;
    long maxTs = Long.MIN_VALUE;
    private final List<Long> positions = new ArrayList<>();

    WalTally(String table, boolean listPositions) {
        this.table = table;
        this.listPositions = listPositions;
    }

    void add(WalRecords.Entry e) {
        records++;
        rows += e.rows();
        bytes += e.bytes();
        if (firstPosition < 0) firstPosition = e.position();
        lastPosition = e.position();
        minTs = Math.min(minTs, e.minTs());
        maxTs = Math.max(maxTs, e.maxTs());
        if (listPositions && positions.size() < MAX_LISTED) positions.add(e.position());
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", table);
        m.put("records", records);
        m.put("rows", rows);
        m.put("bytes", bytes);
        m.put("first_position", records == 0 ? null : firstPosition);
        m.put("last_position", records == 0 ? null : lastPosition);
        m.put(
                "ts_min",
                minTs == Long.MAX_VALUE ? null : Instant.ofEpochSecond(0, minTs).toString());
        m.put(
                "ts_max",
                maxTs == Long.MIN_VALUE ? null : Instant.ofEpochSecond(0, maxTs).toString());
        if (listPositions) {
            m.put("positions", positions);
            m.put("positions_truncated", records > positions.size());
        }
        return m;
    }
}
