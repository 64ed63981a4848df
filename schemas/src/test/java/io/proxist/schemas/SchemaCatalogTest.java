package io.proxist.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCatalogTest {
    private static final List<String> TABLES = List.of(
            "market_data",
            "trades",
            "orders",
            "fills",
            "positions_intraday",
            "account_state",
            "risk_decisions",
            "guardrail_transitions",
            "system_events");

    @Test
    void holdsEveryTableProxistOwnsFollowingTheConventions() {
        SchemaCatalog catalog = SchemaCatalog.builtin();
        assertEquals(TABLES, catalog.tables().stream().map(TableSchema::name).toList());
        for (TableSchema t : catalog.tables()) {
            String n = t.name();
            assertEquals("ReplacingMergeTree(version)", t.engine(), n);
            assertEquals("toDate(ts)", t.partitionBy(), n);
            assertTrue(t.orderBy().endsWith("ts, seq)"), n + ": " + t.orderBy());
            assertFalse(t.comment().isEmpty(), n + " has a table comment");
            assertTrue(t.ttl().matches("toDateTime\\(ts\\) \\+ INTERVAL \\d+ DAY"), n + ": " + t.ttl());
            assertEquals(
                    "DateTime64(9, 'UTC')", t.column("ts").orElseThrow().type().toString(), n);
            assertEquals("UInt64", t.column("seq").orElseThrow().type().toString(), n);
            assertEquals("UInt64", t.column("version").orElseThrow().type().toString(), n);
            t.column("symbol")
                    .ifPresent(
                            c -> assertEquals("LowCardinality(String)", c.type().toString(), n));
            for (ColumnDef c : t.columns()) {
                assertFalse(c.comment().isBlank(), n + "." + c.name() + " has a comment");
            }
        }
        assertTrue(
                catalog.table("market_data")
                        .orElseThrow()
                        .column("bid_px_levels")
                        .isPresent(),
                "L2 arrays");
        assertTrue(catalog.table("market_data").orElseThrow().column("recv_ts").isPresent(), "receive timestamps");
    }

    @Test
    void retentionIsConfigurable() {
        SchemaCatalog catalog = SchemaCatalog.builtin();
        TableSchema md =
                SchemaCatalog.withRetention(catalog.table("market_data").orElseThrow(), 30, 1826);
        TableSchema orders = SchemaCatalog.withRetention(catalog.table("orders").orElseThrow(), 30, 1826);
        assertEquals("toDateTime(ts) + INTERVAL 30 DAY", md.ttl());
        assertEquals("toDateTime(ts) + INTERVAL 1826 DAY", orders.ttl());
        assertEquals(
                "toDateTime(ts) + INTERVAL 90 DAY",
                catalog.table("market_data").orElseThrow().ttl(),
                "defaults: 90 days");
        assertEquals(
                "toDateTime(ts) + INTERVAL 2557 DAY",
                catalog.table("fills").orElseThrow().ttl(),
                "7 years");
    }

    @Test
    void renderedDdlParsesBackToTheSameTable() {
        for (TableSchema t : SchemaCatalog.builtin().tables()) {
            assertEquals(t, DdlParser.parse(DdlRenderer.createTable(null, t)));
        }
    }

    @Test
    void brokenDdlNamesTheFileAndTheStatement(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("001_ok.sql"), "CREATE TABLE a (x UInt8 COMMENT 'x') ENGINE = Memory");
        Files.writeString(
                dir.resolve("002_broken.sql"),
                "-- a broken one\nCREATE TABLE b\n(\n    x UInt8 COMMENT 'x'\n    y String\n)\nENGINE = Memory");
        ProxistException e = assertThrows(ProxistException.class, () -> SchemaCatalog.fromDirectory(dir));
        assertEquals(ErrorCode.SYNTAX_ERROR, e.code());
        String m = e.getMessage();
        assertTrue(m.contains("[file=002_broken.sql]"), m);
        assertTrue(m.contains("line 5"), m);
        assertTrue(m.contains("CREATE TABLE b"), m);
    }

    @Test
    void parserRejectsWhatItDoesNotKnow() {
        assertThrows(
                DdlSyntaxException.class, () -> DdlParser.parse("CREATE TABLE t (x UInt8) ENGINE = Memory ORDR BY x"));
        assertThrows(DdlSyntaxException.class, () -> DdlParser.parse("CREATE TABLE t (x UInt8)"));
        assertThrows(DdlSyntaxException.class, () -> DdlParser.parse("CREATE TABLE t (x Array(UInt8) ENGINE = Memory"));
        assertThrows(DdlSyntaxException.class, () -> DdlParser.parse("CREATE VIEW v AS SELECT 1"));
        assertThrows(
                DdlSyntaxException.class,
                () -> DdlParser.parse(
                        "CREATE TABLE t (x UInt8) ENGINE = Memory; CREATE TABLE u (x UInt8) ENGINE = Memory"));
    }
}
