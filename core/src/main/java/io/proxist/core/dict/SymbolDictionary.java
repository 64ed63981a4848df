package io.proxist.core.dict;

import java.nio.charset.StandardCharsets;

/**
 * Strings to dense {@code int} ids (0, 1, 2, ...), assigned once and never reused or changed. The hot store keeps
 * symbols and other LowCardinality strings as these ids.
 *
 * <p>Implementations: hot-executor's {@code InMemorySymbolDictionary} (heap only, ids lost on restart) and the
 * metadata module's persistent dictionary (ids stable across restarts and crashes). The interface lives in core so
 * that both can implement it without depending on each other.
 *
 * <p>Thread safety: every method may be called from any thread. An id returned by {@link #intern} on one thread
 * is resolvable by {@link #value}/{@link #bytes} on any thread that learnt the id through a happens-before edge
 * (a published store snapshot, say).
 */
public interface SymbolDictionary {
    /** Returned by {@link #find} for a value that has no id. */
    int NOT_FOUND = -1;

    /** The id of the UTF-8 bytes {@code utf8[off, off + len)}, assigning the next id when the value is new. */
    int intern(byte[] utf8, int off, int len);

    /** The id of {@code value}, assigning the next id when it is new. */
    default int intern(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return intern(b, 0, b.length);
    }

    /** The id of {@code value}, or {@link #NOT_FOUND}; never assigns. */
    int find(String value);

    /** The value of an assigned id. */
    String value(int id);

    /** The UTF-8 bytes of an assigned id; callers must not modify the array. */
    byte[] bytes(int id);

    /** Number of ids assigned. */
    int size();
}
