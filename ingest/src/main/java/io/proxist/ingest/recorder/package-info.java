/**
 * The recorder's event model: trading-system events as Java records, and one mapper per table that turns them into
 * rows of the table's logical schema (schemas/ddl), validated and normalised, ready as a {@link
 * io.proxist.core.block.Block} for the ingest path.
 *
 * <h2>Events and tables</h2>
 *
 * <table>
 *   <caption>One event family per table</caption>
 *   <tr><th>event</th><th>mapper</th><th>table</th></tr>
 *   <tr><td>{@link io.proxist.ingest.recorder.MarketSnapshot} (top of book, last trade, L2 arrays)</td>
 *       <td>{@link io.proxist.ingest.recorder.MarketDataMapper}</td><td>market_data</td></tr>
 *   <tr><td>{@link io.proxist.ingest.recorder.PublicTrade}</td>
 *       <td>{@link io.proxist.ingest.recorder.TradeMapper}</td><td>trades</td></tr>
 *   <tr><td>{@link io.proxist.ingest.recorder.OrderEvent} (new, amend, cancel, reject, ack, expire)</td>
 *       <td>{@link io.proxist.ingest.recorder.OrderMapper}</td><td>orders</td></tr>
 *   <tr><td>{@link io.proxist.ingest.recorder.Fill}</td>
 *       <td>{@link io.proxist.ingest.recorder.FillMapper}</td><td>fills</td></tr>
 *   <tr><td>{@link io.proxist.ingest.recorder.PositionSnapshot}</td>
 *       <td>{@link io.proxist.ingest.recorder.PositionMapper}</td><td>positions_intraday</td></tr>
 *   <tr><td>{@link io.proxist.ingest.recorder.AccountSnapshot}</td>
 *       <td>{@link io.proxist.ingest.recorder.AccountStateMapper}</td><td>account_state</td></tr>
 *   <tr><td>{@link io.proxist.ingest.recorder.RiskDecision}</td>
 *       <td>{@link io.proxist.ingest.recorder.RiskDecisionMapper}</td><td>risk_decisions</td></tr>
 *   <tr><td>{@link io.proxist.ingest.recorder.GuardrailTransition}</td>
 *       <td>{@link io.proxist.ingest.recorder.GuardrailTransitionMapper}</td><td>guardrail_transitions</td></tr>
 *   <tr><td>{@link io.proxist.ingest.recorder.SystemEvent}</td>
 *       <td>{@link io.proxist.ingest.recorder.SystemEventMapper}</td><td>system_events</td></tr>
 * </table>
 *
 * <p>A mapper is built from the table's {@link io.proxist.core.schema.TableSchema}: it binds every column by name and
 * checks its type, and refuses a schema with a column it does not write or without one it writes, so a schema change
 * fails loudly when the recorder starts, not silently on the data path. Blocks carry the schema's column names in
 * its order, with the types columns hold (LowCardinality removed, as every block producer does). Enum8 codes are
 * looked up by name ({@link io.proxist.ingest.recorder.SqlEnum}) in the column type, never hard-coded.
 *
 * <h2>Normalisation</h2>
 *
 * <ul>
 *   <li><b>Timestamps</b> are UTC nanoseconds since the epoch ({@code DateTime64(9, 'UTC')} held as {@code long}).
 *       {@code ts} is the exchange or event time and part of the key {@code (..., ts, seq)}: it is never altered.
 *   <li><b>Receive time.</b> {@code recv_ts = 0} means the producer did not stamp it: the recorder stamps it from
 *       {@link io.proxist.ingest.recorder.RecorderContext#clock()}. If {@code recv_ts < ts} by at most {@link
 *       io.proxist.ingest.recorder.RecorderContext#skewToleranceNanos()} (default 5 ms; clocks of different hosts
 *       disagree), {@code recv_ts} is clamped to {@code ts}; so every recorded row has {@code recv_ts >= ts}.
 *   <li><b>Version</b> ({@code ReplacingMergeTree(version)}) is the normalised {@code recv_ts}: of two rows with one
 *       key, the one received later wins.
 *   <li><b>Metadata</b>: {@code source} and {@code environment} of every row come from the {@link
 *       io.proxist.ingest.recorder.RecorderContext}, not from the event.
 *   <li><b>Identifiers</b> (symbol, account, exchange, venue, strategy, ids, currency, rule, guardrail, scope,
 *       component, host, event codes, trade conditions) are trimmed of leading and trailing white space. Free text
 *       (reasons, messages, JSON documents) is recorded exactly as given.
 *   <li><b>Numbers</b>: {@code -0.0} is recorded as {@code 0.0} (equal rows stay byte-equal for deduplication).
 * </ul>
 *
 * <h2>Rejection</h2>
 *
 * An event is validated completely before anything is appended; a rejected event leaves the builders untouched
 * (never half-recorded), is counted per table and {@link io.proxist.ingest.recorder.RejectReason} in {@link
 * io.proxist.ingest.recorder.RejectCounters}, and logged by {@link io.proxist.ingest.recorder.RejectLog} at WARN, at
 * most once per table per second, with the number of rejections held back since. When several fields are bad, the
 * first in column order is reported. The rules:
 *
 * <ul>
 *   <li>{@code MISSING_FIELD}: the event is null; any String or enum field is null; an L2 array is null; a required
 *       identifier is empty after trimming; {@code ts} is 0; an order {@code REJECT} has a blank {@code
 *       reject_reason}; a guardrail transition has a blank {@code reason}. Identifiers that may be empty: trade id,
 *       trade conditions, order id on orders (not yet assigned), strategy, order venue, fee currency, the symbol and
 *       order id of a risk decision (account-wide or not order related).
 *   <li>{@code INVALID_IDENTIFIER}: an identifier holding a control character (U+0000–U+001F, U+007F–U+009F) or
 *       longer than 256 characters after trimming.
 *   <li>{@code NON_FINITE_VALUE}: any Float64 (prices, sizes, PnL, fees, limits, L2 levels) that is NaN or
 *       infinite.
 *   <li>{@code NEGATIVE_VALUE}: a negative price or size: bid/ask/last prices and sizes and every L2 level, trade
 *       price and size, order price, stop price, quantity, filled and leaves quantity, fill price and quantity,
 *       position average and mark price, account margin used. Signed by nature and accepted when negative: position
 *       quantity, PnL, fees (rebates), cash, equity, margin available, buying power, risk limit and observed value.
 *   <li>{@code LEVELS_MISMATCH}: an L2 price array and its size array differ in length.
 *   <li>{@code UNKNOWN_ENUM_VALUE}: an enum constant whose name the table's Enum8 does not define (a Java enum ahead
 *       of the deployed schema).
 *   <li>{@code TIMESTAMP_OUT_OF_RANGE}: {@code ts} or {@code recv_ts} before 2000-01-01 (seconds, milliseconds or
 *       microseconds passed for nanoseconds) or from 2200-01-01 on.
 *   <li>{@code RECEIVED_BEFORE_EVENT}: {@code recv_ts} earlier than {@code ts} by more than the tolerance.
 * </ul>
 *
 * Not checked on purpose: crossed or locked books, level ordering, quantity arithmetic of orders ({@code filled +
 * leaves = quantity} does not hold for every venue's amend and cancel semantics), guardrail transitions to the same
 * state, and the JSON syntax of {@code inputs} and {@code details}.
 *
 * <h2>Allocation and threads</h2>
 *
 * {@code append} allocates nothing on the steady path: values are validated into scratch fields of the mapper and
 * strings are encoded to UTF-8 straight into the column builders; only builder growth and {@code build()} allocate.
 * A mapper has one writer; the counters and the log may be shared across threads.
 */
package io.proxist.ingest.recorder;
