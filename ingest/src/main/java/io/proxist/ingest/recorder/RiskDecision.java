package io.proxist.ingest.recorder;

/**
 * A pre-trade or intraday risk check decision (table {@code risk_decisions}), with the rule, the limit and the
 * observed value that decided, and the inputs as a JSON document.
 *
 * @param ts time the decision was taken, UTC nanoseconds
 * @param symbol instrument, empty for account-wide checks
 * @param orderId order checked, empty when not order related
 * @param rule the rule that produced the decision; required
 * @param inputs JSON document of the inputs that decided; recorded as given
 * @param recvTs receive time, UTC nanoseconds; 0 = stamp on record
 */
public record RiskDecision(
        String account,
        long ts,
        long seq,
        String decisionId,
        String symbol,
        String orderId,
        String rule,
        RiskOutcome decision,
        String reason,
        String inputs,
        double limitValue,
        double observedValue,
        long recvTs) {}
