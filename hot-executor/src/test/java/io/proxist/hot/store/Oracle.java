package io.proxist.hot.store;

import io.proxist.core.schema.TableSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The brute-force model of a hot table: a sorted map of rows by key, first occurrence wins. */
final class Oracle {
    record Key(List<String> series, long ts, long seq) {}

    final TableSchema schema;
    final int[] seriesCols;
    final int tsCol;
    final int seqCol;
    final Comparator<Key> keyOrder;
    final TreeMap<Key, List<Object>> rows;
    final Map<Key, Long> lsn = new java.util.HashMap<>();

    Oracle(TableSchema schema, boolean unsignedSeq) {
        this.schema = schema;
        List<String> key = TableLayout.orderByColumns(schema.orderBy());
        this.seriesCols = new int[key.size() - 2];
        for (int i = 0; i < seriesCols.length; i++) seriesCols[i] = TestTables.indexOf(schema, key.get(i));
        this.tsCol = TestTables.indexOf(schema, key.get(key.size() - 2));
        this.seqCol = TestTables.indexOf(schema, key.get(key.size() - 1));
        Comparator<List<String>> bySeries = (a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) return c;
            }
            return 0;
        };
        Comparator<Long> seqOrder = unsignedSeq ? Long::compareUnsigned : Long::compare;
        this.keyOrder = Comparator.comparing(Key::series, bySeries)
                .thenComparingLong(Key::ts)
                .thenComparing(Key::seq, seqOrder);
        this.rows = new TreeMap<>(keyOrder);
    }

    Key key(List<Object> row) {
        List<String> s = new ArrayList<>();
        for (int c : seriesCols) s.add((String) row.get(c));
        return new Key(s, (Long) row.get(tsCol), (Long) row.get(seqCol));
    }

    /** Indices of the rows of a batch that are new. */
    List<Integer> newIndices(List<List<Object>> batch) {
        List<Integer> out = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            Key k = key(batch.get(i));
            if (!rows.containsKey(k) && seen.add(k)) out.add(i);
        }
        return out;
    }

    int apply(List<List<Object>> batch, long at) {
        int n = 0;
        for (List<Object> r : batch) {
            Key k = key(r);
            if (!rows.containsKey(k)) {
                rows.put(k, r);
                lsn.put(k, at);
                n++;
            }
        }
        return n;
    }

    void remove(Key k) {
        rows.remove(k);
        lsn.remove(k);
    }

    /** Distinct series, in key order. */
    List<List<String>> series() {
        List<List<String>> out = new ArrayList<>();
        for (Key k : rows.keySet()) {
            if (out.isEmpty() || !out.getLast().equals(k.series())) out.add(k.series());
        }
        return out;
    }

    /** Rows with ts in [from, to), in key order. */
    List<List<Object>> range(long from, long to) {
        List<List<Object>> out = new ArrayList<>();
        for (Map.Entry<Key, List<Object>> e : rows.entrySet()) {
            if (e.getKey().ts() >= from && e.getKey().ts() < to) out.add(e.getValue());
        }
        return out;
    }

    /** Rows with ts in [from, to), by (ts, series, seq). */
    List<List<Object>> merged(long from, long to) {
        List<Map.Entry<Key, List<Object>>> es = new ArrayList<>();
        for (Map.Entry<Key, List<Object>> e : rows.entrySet()) {
            if (e.getKey().ts() >= from && e.getKey().ts() < to) es.add(e);
        }
        Comparator<Key> byTs = Comparator.comparingLong(Key::ts);
        Comparator<Key> order = byTs.thenComparing(
                        (a, b) -> keyOrder.compare(new Key(a.series(), 0, 0), new Key(b.series(), 0, 0)))
                .thenComparing(keyOrder);
        es.sort((a, b) -> order.compare(a.getKey(), b.getKey()));
        List<List<Object>> out = new ArrayList<>();
        for (Map.Entry<Key, List<Object>> e : es) out.add(e.getValue());
        return out;
    }

    /** Per series in key order, its last row with ts <= t. */
    List<List<Object>> asOf(long t) {
        List<List<Object>> out = new ArrayList<>();
        List<Object> candidate = null;
        List<String> series = null;
        for (Map.Entry<Key, List<Object>> e : rows.entrySet()) {
            if (!e.getKey().series().equals(series)) {
                if (candidate != null) out.add(candidate);
                candidate = null;
                series = e.getKey().series();
            }
            if (e.getKey().ts() <= t) candidate = e.getValue();
        }
        if (candidate != null) out.add(candidate);
        return out;
    }
}
