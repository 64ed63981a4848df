package io.proxist.hot.ops;

/**
 * ClickHouse's {@code exponentialMovingAverage(half_life)(value, time_index)} state (ExponentiallySmoothedAverage in
 * src/Common/ExponentiallySmoothedCounter.h, as of ClickHouse 22.x onwards): a pair (value, time) starting at
 * (0, 0). Adding x at time t merges the state with (x, t): the pair with the older time is scaled by
 * {@code 2^(-(newer - older) / half_life)} and the values summed, the time becoming the newer one (equal times:
 * plain sum). The result is {@code value * (1 - 2^(-1 / half_life))}, i.e. value divided by the sum of weights of a
 * unit-spaced series. Consequences reproduced on purpose: merging is order-independent (so states from a persisted
 * part and the in-memory part merge exactly); the result is not normalised to the number of points (one value x at
 * any time gives {@code x * (1 - 2^(-1/h))}); the initial time 0 takes part, so a first time index below 0 is
 * scaled towards the state at 0 instead of replacing it.
 */
public final class EmaState {
    private double value;
    private double time;

    public EmaState reset() {
        value = 0;
        time = 0;
        return this;
    }

    public void add(double x, double t, double halfLife) {
        mergeWith(x, t, halfLife);
    }

    public EmaState merge(EmaState o, double halfLife) {
        mergeWith(o.value, o.time, halfLife);
        return this;
    }

    private void mergeWith(double v, double t, double halfLife) {
        if (time > t) value = value + v * scale(time - t, halfLife);
        else if (time < t) {
            value = v + value * scale(t - time, halfLife);
            time = t;
        } else value = value + v;
    }

    private static double scale(double passed, double halfLife) {
        return Math.pow(2.0, -passed / halfLife);
    }

    /** The function's result. */
    public double get(double halfLife) {
        return value * (1 - scale(1.0, halfLife));
    }

    public double value() {
        return value;
    }

    public double time() {
        return time;
    }
}
