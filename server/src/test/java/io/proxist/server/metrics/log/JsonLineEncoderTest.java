package io.proxist.server.metrics.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineEncoderTest {
    private final LoggerContext context = new LoggerContext();

    JsonLineEncoderTest() {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    }

    private String encode(Level level, String pattern, Throwable t, Object... args) {
        Logger logger = context.getLogger("io.proxist.server.ingest.IngestRuntime");
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, level, pattern, t, args);
        e.setTimeStamp(1_790_000_000_123L);
        e.setThreadName("proxist-ingest-maintenance");
        JsonLineEncoder enc = new JsonLineEncoder();
        enc.setContext(context);
        enc.start();
        return new String(enc.encode(e), StandardCharsets.UTF_8);
    }

    @Test
    void theBracketedContextBecomesFields() {
        assertEquals(
                "{\"ts\":\"2026-09-21T14:13:20.123Z\",\"level\":\"INFO\",\"logger\":\"io.proxist.server.ingest.IngestRuntime\","
                        + "\"thread\":\"proxist-ingest-maintenance\",\"event\":\"snapshot written\","
                        + "\"msg\":\"snapshot written [file=/var/px/snapshots/snap-42.px, lsn=42, rows=1000, bytes=5120,"
                        + " took 3 ms]\",\"ctx\":{\"file\":\"/var/px/snapshots/snap-42.px\",\"lsn\":42,\"rows\":1000,"
                        + "\"bytes\":5120,\"note\":\"took 3 ms\"}}\n",
                encode(
                        Level.INFO,
                        "snapshot written [file={}, lsn={}, rows={}, bytes={}, took {} ms]",
                        null,
                        "/var/px/snapshots/snap-42.px",
                        42L,
                        1000L,
                        5120L,
                        3));
    }

    @Test
    void nestedBracketsStayInAValueAndACauseAfterTheContextIsNotParsed() {
        MessageContext c = MessageContext.parse(
                "ingest recovered [tables=[trades, orders], wal=/w, records from 0 to 32, snapshot=none (0 rows)]");
        assertEquals("ingest recovered", c.event());
        Map<String, Object> want = new LinkedHashMap<>();
        want.put("tables", "[trades, orders]");
        want.put("wal", "/w");
        want.put("snapshot", "none (0 rows)");
        want.put("note", "records from 0 to 32");
        assertEquals(want, c.fields());
        c = MessageContext.parse("insert failed [table=trades, code=41]: Cannot parse input [row=1, column=ts]");
        assertEquals("insert failed", c.event());
        assertEquals(Map.of("table", "trades", "code", 41L), c.fields());
        c = MessageContext.parse("no context here [just words]");
        assertEquals("no context here [just words]", c.event());
        assertEquals(Map.of(), c.fields());
        // not integers: leading zeros, too long, signs alone
        c = MessageContext.parse("x [a=007, b=-, c=-12, d=1234567890123456789]");
        assertEquals("007", c.fields().get("a"));
        assertEquals("-", c.fields().get("b"));
        assertEquals(-12L, c.fields().get("c"));
        assertInstanceOf(String.class, c.fields().get("d"));
    }

    @Test
    void escapesAndErrorsAreValidJson() {
        String line = encode(
                Level.WARN,
                "clickhouse health changed [backend={}, from={}, to={}]",
                new IllegalStateException("line1\n\"quoted\"\ttab"),
                "click\"house",
                "HEALTHY",
                "DOWN");
        assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
        assertTrue(
                line.contains("\"ctx\":{\"backend\":\"click\\\"house\",\"from\":\"HEALTHY\",\"to\":\"DOWN\"}"), line);
        assertTrue(
                line.contains("\"error\":{\"class\":\"java.lang.IllegalStateException\",\"message\":"
                        + "\"line1\\n\\\"quoted\\\"\\ttab\",\"stack\":\"java.lang.IllegalStateException: "),
                line);
        assertTrue(line.contains("\\tat io.proxist.server.metrics.log.JsonLineEncoderTest"), line);
    }

    /** deploy/logback-json.xml, the opt-in JSON configuration, loads and logs through this encoder. */
    @Test
    void theDeployConfigurationUsesTheEncoder() throws Exception {
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(Path.of("..", "deploy", "logback-json.xml").toFile());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<?> json = assertInstanceOf(OutputStreamAppender.class, root.getAppender("JSON"));
        assertInstanceOf(JsonLineEncoder.class, json.getEncoder());
        assertEquals(Level.INFO, root.getLevel());
        assertEquals(
                Level.DEBUG,
                context.getLogger("io.proxist.server.ingest.IngestRuntime").getEffectiveLevel());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> a =
                (OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>) json;
        a.setOutputStream(out);
        context.getLogger("io.proxist.server.ingest.IngestRuntime")
                .debug("wal segments deleted [count={}, below={}]", 2, 77);
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(
                line.contains("\"event\":\"wal segments deleted\",")
                        && line.contains("\"ctx\":{\"count\":2,\"below\":77}"),
                line);
        context.stop();
    }
}
