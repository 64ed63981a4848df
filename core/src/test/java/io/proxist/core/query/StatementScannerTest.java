package io.proxist.core.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementScannerTest {

    @Test
    void findsAndRemovesTheTopLevelFormatClause() {
        Statement s = StatementScanner.scan(
                "SELECT 'FORMAT JSON' AS x, (SELECT 1 FORMAT CSV) FROM t FORMAT JSONCompactEachRow;");
        assertEquals(StatementKind.QUERY, s.kind());
        assertEquals("JSONCompactEachRow", s.format());
        assertEquals("SELECT 'FORMAT JSON' AS x, (SELECT 1 FORMAT CSV) FROM t", s.sql());
        Statement plain = StatementScanner.scan("  select 1 -- FORMAT JSON\n");
        assertNull(plain.format());
        assertEquals(StatementKind.QUERY, plain.kind());
        assertEquals(
                "JSON",
                StatementScanner.scan("SELECT 1 FORMAT JSON SETTINGS max_threads = 1")
                        .format());
        assertEquals(
                "SELECT 1  SETTINGS max_threads = 1",
                StatementScanner.scan("SELECT 1 FORMAT JSON SETTINGS max_threads = 1")
                        .sql());
    }

    @Test
    void classifiesByLeadingKeyword() {
        assertEquals(
                StatementKind.QUERY,
                StatementScanner.scan("DESCRIBE TABLE trades").kind());
        assertEquals(
                StatementKind.QUERY,
                StatementScanner.scan("WITH 1 AS x SELECT x").kind());
        assertEquals(
                StatementKind.QUERY,
                StatementScanner.scan("(SELECT 1) UNION ALL (SELECT 2)").kind());
        assertEquals(
                StatementKind.SET, StatementScanner.scan("SET max_threads = 2").kind());
        assertEquals(StatementKind.USE, StatementScanner.scan("USE db").kind());
        assertEquals(
                StatementKind.OTHER,
                StatementScanner.scan("CREATE TABLE t (x UInt8) ENGINE = Memory")
                        .kind());
    }

    @Test
    void findsWhereInsertDataStarts() {
        Statement s =
                StatementScanner.scan("INSERT INTO db.`my table` (a, `b c`) FORMAT TabSeparated\n1\t'unbalanced\n");
        assertEquals(StatementKind.INSERT, s.kind());
        assertEquals("db.my table", s.insertTable());
        assertEquals("a, `b c`", s.insertColumns());
        assertEquals("TabSeparated", s.format());
        assertArrayEquals("1\t'unbalanced\n".getBytes(StandardCharsets.UTF_8), s.inlineData());

        Statement v = StatementScanner.scan("insert into t values (1, 'a'), (2, 'b')");
        assertEquals("Values", v.format());
        assertEquals("insert into t FORMAT Values", v.sql());
        assertEquals(" (1, 'a'), (2, 'b')", new String(v.inlineData(), StandardCharsets.UTF_8));

        Statement noData = StatementScanner.scan("INSERT INTO t FORMAT RowBinary");
        assertEquals(0, noData.inlineData().length);

        assertTrue(StatementScanner.scan("INSERT INTO t SELECT * FROM u").insertSelect());
    }

    @Test
    void parsesSetAssignments() {
        assertEquals(
                Map.of("max_threads", "2", "date_time_output_format", "iso"),
                StatementScanner.setAssignments("SET max_threads = 2, date_time_output_format = 'iso'"));
    }

    @Test
    void rejectsWhatIsNotAStatement() {
        for (String bad :
                new String[] {"", "   ", "SELECT 'x", "SELECT 1; SELECT 2", "INSERT t VALUES", "INSERT INTO t GARBAGE"
                }) {
            ProxistException e = assertThrows(ProxistException.class, () -> StatementScanner.scan(bad), bad);
            assertEquals(ErrorCode.SYNTAX_ERROR, e.code(), bad);
        }
    }
}
