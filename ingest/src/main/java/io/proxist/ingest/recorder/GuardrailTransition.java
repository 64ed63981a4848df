package io.proxist.ingest.recorder;

/**
 * A state transition of a trading guardrail such as a kill switch or a throttle (table {@code
 * guardrail_transitions}): from which state, to which, why, and who triggered it.
 *
 * @param ts time of the transition, UTC nanoseconds
 * @param scope what the guardrail covers (firm, account, strategy, symbol, ...)
 * @param reason why the transition happened; required
 * @param triggeredBy rule, component or operator that triggered it; required
 * @param recvTs receive time, UTC nanoseconds; 0 = stamp on record
 */
public record GuardrailTransition(
        String guardrail,
        long ts,
        long seq,
        String scope,
        GuardrailState from,
        GuardrailState to,
        String reason,
        String triggeredBy,
        long recvTs) {}
