package io.proxist.ingest.recorder;

/** Outcome of a risk check (Enum8 {@code risk_decisions.decision}). */
public enum RiskOutcome implements SqlEnum {
    ALLOW("allow"),
    REJECT("reject"),
    THROTTLE("throttle"),
    REDUCE("reduce");

    private final String sqlName;

    RiskOutcome(String sqlName) {
        this.sqlName = sqlName;
    }

    @Override
    public String sqlName() {
        return sqlName;
    }
}
