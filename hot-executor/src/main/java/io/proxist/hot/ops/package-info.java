/**
 * Vectorised time-series operators over the hot store: range filters, mergeable aggregates, last-by/first-by,
 * asof join, tumbling and rolling windows, EMA. They read {@link io.proxist.hot.store.TableSnapshot} and
 * {@link io.proxist.hot.store.SeriesSnapshot} chunks directly (primitive arrays and row ranges, never a Block),
 * are built at plan time, re-armed per query and allocate nothing on their steady-state path: results go into
 * operator-owned {@link io.proxist.hot.ops.LongList}/{@link io.proxist.hot.ops.DoubleList}/{@link
 * io.proxist.hot.ops.IntList} buffers that grow by doubling and are reused. Sentinels live in {@link
 * io.proxist.hot.ops.Nulls}. Not thread-safe: one operator instance per reading thread.
 */
package io.proxist.hot.ops;
