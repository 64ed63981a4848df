package io.proxist.protocol.http;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * HTTP sessions ({@code session_id}): settings set with SET and the current database survive between requests
 * of the same user. A session is used by one request at a time (SESSION_IS_LOCKED otherwise) and expires
 * {@code session_timeout} seconds after its last use.
 */
final class Sessions {
    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    static final int MAX_TIMEOUT_SECONDS = 3600;

    static final class Session {
        final String user;
        final Map<String, String> settings = new LinkedHashMap<>();
        String database;
        long expiresAtNanos;
        final ReentrantLock lock = new ReentrantLock();

        Session(String user) {
            this.user = user;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** The session, created unless {@code check}; locked for the caller, who must {@link #release} it. */
    Session acquire(String id, String user, int timeoutSeconds, boolean check) {
        if (timeoutSeconds < 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new ProxistException(
                    ErrorCode.INVALID_CONFIG_PARAMETER,
                    "Session timeout " + timeoutSeconds + " is larger than max_session_timeout: "
                            + MAX_TIMEOUT_SECONDS);
        }
        long now = System.nanoTime();
        sessions.values().removeIf(s -> s.expiresAtNanos - now < 0 && !s.lock.isLocked());
        String key = user + "\u0000" + id;
        Session s = check ? sessions.get(key) : sessions.computeIfAbsent(key, k -> new Session(user));
        if (s == null) {
            throw new ProxistException(ErrorCode.SESSION_NOT_FOUND, "Session " + id + " not found");
        }
        if (!s.lock.tryLock()) {
            throw new ProxistException(
                    ErrorCode.SESSION_IS_LOCKED, "Session " + id + " is locked by a concurrent client");
        }
        s.expiresAtNanos = now + timeoutSeconds * 1_000_000_000L;
        return s;
    }

    void release(Session s) {
        s.lock.unlock();
    }

    void close(String id, String user) {
        sessions.remove(user + "\u0000" + id);
    }
}
