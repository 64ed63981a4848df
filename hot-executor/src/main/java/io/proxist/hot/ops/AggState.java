package io.proxist.hot.ops;

/**
 * The partial state of the aggregates over one group of rows (a series' ts range, a time bucket): count, sum, min,
 * max of a value column {@code x}; first and last (by (ts, seq)) of {@code x} and of a second column {@code y};
 * {@code sum(x * y)} and {@code sum(y)} for VWAP. Mergeable: a state computed over persisted rows elsewhere and one
 * over the in-memory rows {@link #merge} into the state of all rows.
 *
 * <p>Functions: {@code count()}, {@code sum(x)} = {@link #sum()}, {@code avg(x)} = {@link #avg()}, {@code min},
 * {@code max}, {@code argMin(x, ts)} = {@link #first()} (ClickHouse's {@code first_value}/{@code any} in ts order),
 * {@code argMax(x, ts)} = {@link #last()}, {@code sum(x*y)}, {@code sum(y)}, VWAP = {@link #vwap()}.
 *
 * <p>Sums are compensated (Neumaier): {@link #sum()} is the sum of the rows' values as if added exactly and rounded
 * once, up to an error of about 2 ulp independent of the order rows or partials are added in, so a split and
 * merged state equals the whole one to ~1e-15 relative. Ties: first/last compare (ts, seq) with seq as its type
 * compares ({@code seqKey = seq ^ layout.seqBias()}); on a full tie the state keeps what it had. Min/max skip NaN
 * values (comparisons are false; a group of only NaN has min +Inf, max -Inf); sum propagates NaN. Over no rows: count 0, sum 0, everything else {@link
 * Nulls#NO_VALUE} and the timestamps {@link Nulls#NO_LONG}.
 */
public final class AggState {
    long count;
    double sum;
    double sumC;
    double min;
    double max;
    long firstTs;
    long firstSeq;
    double firstX;
    double firstY;
    long lastTs;
    long lastSeq;
    double lastX;
    double lastY;
    double sumXY;
    double sumXYC;
    double sumY;
    double sumYC;

    public AggState() {
        reset();
    }

    public AggState reset() {
        count = 0;
        sum = sumC = sumXY = sumXYC = sumY = sumYC = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        firstTs = lastTs = Nulls.NO_LONG;
        firstSeq = lastSeq = Long.MIN_VALUE;
        firstX = firstY = lastX = lastY = Nulls.NO_VALUE;
        return this;
    }

    /** Adds one row; {@code seqKey} is {@code seq ^ layout.seqBias()}; {@code y} is 0 without a second column. */
    public void add(long ts, long seqKey, double x, double y) {
        if (count == 0 || ts < firstTs || (ts == firstTs && seqKey < firstSeq)) {
            firstTs = ts;
            firstSeq = seqKey;
            firstX = x;
            firstY = y;
        }
        if (count == 0 || ts > lastTs || (ts == lastTs && seqKey > lastSeq)) {
            lastTs = ts;
            lastSeq = seqKey;
            lastX = x;
            lastY = y;
        }
        count++;
        // Neumaier's compensated summation, three times
        double t = sum + x;
        sumC += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
        double xy = x * y;
        t = sumXY + xy;
        sumXYC += Math.abs(sumXY) >= Math.abs(xy) ? (sumXY - t) + xy : (xy - t) + sumXY;
        sumXY = t;
        t = sumY + y;
        sumYC += Math.abs(sumY) >= Math.abs(y) ? (sumY - t) + y : (y - t) + sumY;
        sumY = t;
        if (x < min) min = x;
        if (x > max) max = x;
    }

    /** Folds {@code o} (rows disjoint from this state's) into this state. */
    public AggState merge(AggState o) {
        if (o.count == 0) return this;
        if (count == 0 || o.firstTs < firstTs || (o.firstTs == firstTs && o.firstSeq < firstSeq)) {
            firstTs = o.firstTs;
            firstSeq = o.firstSeq;
            firstX = o.firstX;
            firstY = o.firstY;
        }
        if (count == 0 || o.lastTs > lastTs || (o.lastTs == lastTs && o.lastSeq > lastSeq)) {
            lastTs = o.lastTs;
            lastSeq = o.lastSeq;
            lastX = o.lastX;
            lastY = o.lastY;
        }
        count += o.count;
        double t = sum + o.sum;
        sumC += (Math.abs(sum) >= Math.abs(o.sum) ? (sum - t) + o.sum : (o.sum - t) + sum) + o.sumC;
        sum = t;
        t = sumXY + o.sumXY;
        sumXYC += (Math.abs(sumXY) >= Math.abs(o.sumXY) ? (sumXY - t) + o.sumXY : (o.sumXY - t) + sumXY) + o.sumXYC;
        sumXY = t;
        t = sumY + o.sumY;
        sumYC += (Math.abs(sumY) >= Math.abs(o.sumY) ? (sumY - t) + o.sumY : (o.sumY - t) + sumY) + o.sumYC;
        sumY = t;
        if (o.min < min) min = o.min;
        if (o.max > max) max = o.max;
        return this;
    }

    /** Copies {@code o} into this state. */
    public AggState copyFrom(AggState o) {
        return reset().merge(o);
    }

    /**
     * Sets this state from finished values computed elsewhere (e.g. a persisted part aggregated by ClickHouse):
     * ties with in-memory rows at the same ts are broken by {@code firstSeqKey}/{@code lastSeqKey}.
     */
    public AggState set(
            long count,
            double sum,
            double min,
            double max,
            long firstTs,
            long firstSeqKey,
            double firstX,
            double firstY,
            long lastTs,
            long lastSeqKey,
            double lastX,
            double lastY,
            double sumXY,
            double sumY) {
        reset();
        if (count == 0) return this;
        this.count = count;
        this.sum = sum;
        this.min = min;
        this.max = max;
        this.firstTs = firstTs;
        this.firstSeq = firstSeqKey;
        this.firstX = firstX;
        this.firstY = firstY;
        this.lastTs = lastTs;
        this.lastSeq = lastSeqKey;
        this.lastX = lastX;
        this.lastY = lastY;
        this.sumXY = sumXY;
        this.sumY = sumY;
        return this;
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum + sumC;
    }

    public double avg() {
        return count == 0 ? Nulls.NO_VALUE : sum() / count;
    }

    public double min() {
        return count == 0 ? Nulls.NO_VALUE : min;
    }

    public double max() {
        return count == 0 ? Nulls.NO_VALUE : max;
    }

    /** {@code argMin(x, ts)}: x of the first row by (ts, seq). */
    public double first() {
        return firstX;
    }

    /** {@code argMax(x, ts)}: x of the last row by (ts, seq). */
    public double last() {
        return lastX;
    }

    /** {@code argMin(y, ts)}. */
    public double firstY() {
        return firstY;
    }

    /** {@code argMax(y, ts)}. */
    public double lastY() {
        return lastY;
    }

    public long firstTs() {
        return firstTs;
    }

    public long lastTs() {
        return lastTs;
    }

    public double sumXY() {
        return sumXY + sumXYC;
    }

    public double sumY() {
        return sumY + sumYC;
    }

    /** {@code sum(x*y) / sum(y)}; {@link Nulls#NO_VALUE} when there are no rows or {@code sum(y) == 0}. */
    public double vwap() {
        double w = sumY();
        return count == 0 || w == 0 ? Nulls.NO_VALUE : sumXY() / w;
    }

    @Override
    public String toString() {
        return "AggState[count=" + count + ", sum=" + sum() + ", min=" + min() + ", max=" + max() + ", first=" + firstX
                + "@" + firstTs + ", last=" + lastX + "@" + lastTs + ", sumXY=" + sumXY() + ", sumY=" + sumY() + "]";
    }
}
