package io.proxist.planner.seam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one query did at the seam, step by step: each memory read (table, rows, time), each backend query (its SQL,
 * the wait for memory's rows below the seam to be persisted, the rows it returned, its time), and the stitch. Filled
 * by {@link SeamExecutor} for one query (not thread-safe); read afterwards by the slow-query log and the tracer.
 */
public final class SeamTrace {
    /** One step: kind is {@code hot}, {@code cold} or {@code stitch}; times are System.nanoTime values. */
    public record Step(
            String kind, String table, long startNanos, long endNanos, long rows, long waitNanos, String sql) {
        public long nanos() {
            return endNanos - startNanos;
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private String plan = "";

    void add(Step s) {
        steps.add(s);
    }

    void plan(String p) {
        if (plan.isEmpty()) plan = p;
    }

    /** The steps in the order they ran. */
    public List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** The shape of the outermost plan: scan, aggregate, window scan or asof join. */
    public String plan() {
        return plan;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Rows memory contributed, over all reads. */
    public long hotRows() {
        long n = 0;
        for (Step s : steps) if (s.kind().equals("hot")) n += s.rows();
        return n;
    }

    /** Rows the backend returned, over all its queries. */
    public long coldRows() {
        long n = 0;
        for (Step s : steps) if (s.kind().equals("cold")) n += s.rows();
        return n;
    }
}
