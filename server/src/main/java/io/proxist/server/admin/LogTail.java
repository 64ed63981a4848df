package io.proxist.server.admin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * The process's most recent log events, kept in memory for {@code GET /admin/logs} and {@code pxctl diag}: an
 * appender on logback's root logger, whatever else the configuration sends the events to (console, JSON). Events the
 * root logger's level filters out are not seen. With another SLF4J backend there is no tail, and the route says so.
 */
final class LogTail implements AutoCloseable {
    /** Events kept. */
    static final int DEFAULT_LINES = 2_000;

    private final Ring ring;

    private LogTail(Ring ring) {
        this.ring = ring;
    }

    static LogTail attach(int capacity) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return new LogTail(null);
        PatternLayout layout = new PatternLayout();
        layout.setContext(ctx);
        layout.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0} - %msg%n");
        layout.start();
        Ring ring = new Ring(capacity, layout);
        ring.setContext(ctx);
        ring.setName("proxist-admin-log-tail-" + System.identityHashCode(ring));
        ring.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(ring);
        return new LogTail(ring);
    }

    /** The last {@code n} events, oldest first, each with its stack trace when it has one. */
    String tail(int n) {
        if (ring == null) {
            return "no log tail: the logging backend is "
                    + LoggerFactory.getILoggerFactory().getClass().getName() + ", not logback\n";
        }
        return ring.last(n);
    }

    @Override
    public void close() {
        if (ring == null) return;
        ((LoggerContext) ring.getContext()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(ring);
        ring.stop();
    }

    private static final class Ring extends AppenderBase<ILoggingEvent> {
        private final int capacity;
        private final PatternLayout layout;
        private final ArrayDeque<String> lines = new ArrayDeque<>();

        Ring(int capacity, PatternLayout layout) {
            this.capacity = capacity;
            this.layout = layout;
        }

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder sb = new StringBuilder(layout.doLayout(event));
            var t = event.getThrowableProxy();
            while (t != null) {
                sb.append("  ")
                        .append(t.getClassName())
                        .append(": ")
                        .append(t.getMessage())
                        .append('\n');
                var frames = t.getStackTraceElementProxyArray();
                for (int i = 0; i < Math.min(frames.length, 20); i++) {
                    sb.append("    ").append(frames[i].getSTEAsString()).append('\n');
                }
                t = t.getCause();
                if (t != null) sb.append("  caused by:\n");
            }
            synchronized (lines) {
                lines.addLast(sb.toString());
                while (lines.size() > capacity) lines.pollFirst();
            }
        }

        String last(int n) {
            StringBuilder sb = new StringBuilder();
            synchronized (lines) {
                int skip = Math.max(0, lines.size() - n);
                Iterator<String> it = lines.iterator();
                for (int i = 0; it.hasNext(); i++) {
                    String l = it.next();
                    if (i >= skip) sb.append(l);
                }
            }
            return sb.toString();
        }
    }
}
