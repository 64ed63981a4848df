package io.proxist.ingest.recorder;

/** The rule for identifiers (symbols, accounts, venues, ids): trimmed, no control characters, bounded length. */
final class Identifiers {
    /** Longest identifier accepted, in UTF-16 chars after trimming. */
    static final int MAX_LENGTH = 256;

    private Identifiers() {}

    /** True if {@code s} (already trimmed) is too long or holds a control character. */
    static boolean invalid(String s) {
        int n = s.length();
        if (n > MAX_LENGTH) return true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return true;
        }
        return false;
    }
}
