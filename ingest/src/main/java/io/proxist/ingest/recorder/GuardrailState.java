package io.proxist.ingest.recorder;

/** State of a trading guardrail (Enum8 {@code guardrail_transitions.from_state} and {@code to_state}). */
public enum GuardrailState implements SqlEnum {
    NORMAL("normal"),
    WARNING("warning"),
    THROTTLED("throttled"),
    HALTED("halted");

    private final String sqlName;

    GuardrailState(String sqlName) {
        this.sqlName = sqlName;
    }

    @Override
    public String sqlName() {
        return sqlName;
    }
}
