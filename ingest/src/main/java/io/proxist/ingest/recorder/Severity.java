package io.proxist.ingest.recorder;

/** Severity level of a system event (Enum8 {@code system_events.level}). */
public enum Severity implements SqlEnum {
    DEBUG("debug"),
    INFO("info"),
    WARN("warn"),
    ERROR("error"),
    FATAL("fatal");

    private final String sqlName;

    Severity(String sqlName) {
        this.sqlName = sqlName;
    }

    @Override
    public String sqlName() {
        return sqlName;
    }
}
