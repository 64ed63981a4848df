package io.proxist.core.error;

/** Who is at fault for an error: the user's input, Proxist itself, or a resource limit. */
public enum ErrorCategory {
    USER,
    INTERNAL,
    RESOURCES
}
