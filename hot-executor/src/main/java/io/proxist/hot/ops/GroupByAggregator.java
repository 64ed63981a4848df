package io.proxist.hot.ops;

import io.proxist.hot.store.TableSnapshot;

/**
 * {@code GROUP BY} the series key (symbol) over every series of a table: one {@link AggState} per series with at
 * least one row with {@code from <= ts < to}, in series key order (ClickHouse's ORDER BY symbol). Series without
 * rows in the range are not listed. States are operator-owned and reused; their pool grows with the table's series
 * count (the only allocation, amortised away once the pool is large enough).
 */
public final class GroupByAggregator {
    private final RangeAggregator aggregator;
    private final IntList seriesNos = new IntList(64);
    private AggState[] states = new AggState[0];

    public GroupByAggregator(NumericColumn x, NumericColumn y, long seqBias) {
        this.aggregator = new RangeAggregator(x, y, seqBias);
    }

    /** Aggregates every series; returns the number of groups. */
    public int run(TableSnapshot snapshot, long from, long to) {
        seriesNos.clear();
        int n = snapshot.seriesCount();
        if (states.length < n) {
            AggState[] bigger = java.util.Arrays.copyOf(states, Math.max(n, states.length * 2));
            for (int i = states.length; i < bigger.length; i++) bigger[i] = new AggState();
            states = bigger;
        }
        int g = 0;
        for (int rank = 0; rank < n; rank++) {
            int s = snapshot.seriesInKeyOrder(rank);
            AggState st = states[g].reset();
            aggregator.aggregate(snapshot.series(s), from, to, st);
            if (st.count() > 0) {
                seriesNos.add(s);
                g++;
            }
        }
        return g;
    }

    public int size() {
        return seriesNos.size();
    }

    /** The series number of group {@code i}. */
    public int seriesNo(int i) {
        return seriesNos.get(i);
    }

    /** The state of group {@code i}; valid until the next {@link #run}. */
    public AggState state(int i) {
        if (i >= seriesNos.size()) throw new IndexOutOfBoundsException(i + " of " + seriesNos.size());
        return states[i];
    }
}
