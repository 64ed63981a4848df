package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.housepower.jdbc.ClickHouseDriver;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * clickhouse-native-jdbc 2.7.1 (housepower; native protocol revision 54380, settings always in the old typed binary
 * form, LZ4 compression always on) through Proxist's native port.
 */
class NativeJdbcTest {
    static NativeProxist proxist;
    static Connection conn;

    @BeforeAll
    static void start() throws Exception {
        proxist = NativeProxist.start(NativeJdbcTest.class);
        conn = connect();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (conn != null) conn.close();
        } finally {
            if (proxist != null) proxist.close();
        }
    }

    /**
     * Through the driver itself: clickhouse-jdbc (HTTP, also on this classpath) claims the same {@code
     * jdbc:clickhouse:} URLs, so DriverManager could hand the URL to it.
     */
    static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "default");
        p.setProperty("password", "");
        return new ClickHouseDriver()
                .connect("jdbc:clickhouse://" + proxist.host() + ":" + proxist.port() + "/" + proxist.database(), p);
    }

    @Test
    void connectsToTheDatabaseOfTheUrl() throws Exception {
        assertTrue(conn.isValid(10));
        assertEquals(
                "com.github.housepower.jdbc.ClickHouseConnection",
                conn.getClass().getName());
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT currentDatabase(), 1 + 1")) {
            assertTrue(rs.next());
            assertEquals(proxist.database(), rs.getString(1));
            assertEquals(2, rs.getInt(2));
            assertFalse(rs.next());
        }
    }

    @Test
    void selectsSeveralTypes() throws Exception {
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT toInt8(-8) AS i8, toUInt8(255) AS u8, toInt16(-32768) AS i16,"
                        + " toUInt16(65535) AS u16, toInt32(-2147483648) AS i32, toUInt32(4294967295) AS u32,"
                        + " toInt64(-9223372036854775808) AS i64, toUInt64(18446744073709551615) AS u64,"
                        + " toFloat32(0.5) AS f32, toFloat64(-1.25) AS f64, 'ünï ✓' AS s, toFixedString('ab', 3) AS fs,"
                        + " toDate('2024-03-10') AS d, toDateTime('2024-03-10 02:30:00', 'UTC') AS dt,"
                        + " [1, 2, 3] AS arr, ['x', NULL] AS arr_n, NULL AS n, toNullable('x') AS ns,"
                        + " toDecimal64(12.345, 3) AS dec, toUUID('01234567-89ab-cdef-0123-456789abcdef') AS u,"
                        + " CAST('b' AS Enum8('a' = 1, 'b' = 2)) AS e")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnName(i) + " " + md.getColumnTypeName(i));
            }
            assertEquals(
                    List.of(
                            "i8 Int8",
                            "u8 UInt8",
                            "i16 Int16",
                            "u16 UInt16",
                            "i32 Int32",
                            "u32 UInt32",
                            "i64 Int64",
                            "u64 UInt64",
                            "f32 Float32",
                            "f64 Float64",
                            "s String",
                            "fs FixedString(3)",
                            "d Date",
                            "dt DateTime('UTC')",
                            "arr Array(UInt8)",
                            "arr_n Array(Nullable(String))",
                            "n Nullable(Nothing)",
                            "ns Nullable(String)",
                            "dec Decimal(18,3)",
                            "u UUID",
                            "e Enum8('a' = 1,'b' = 2)"),
                    columns);
            assertTrue(rs.next());
            assertEquals((byte) -8, rs.getObject("i8"));
            assertEquals((short) 255, rs.getObject("u8"));
            assertEquals((short) -32768, rs.getObject("i16"));
            assertEquals(65535, rs.getObject("u16"));
            assertEquals(Integer.MIN_VALUE, rs.getObject("i32"));
            assertEquals(4294967295L, rs.getObject("u32"));
            assertEquals(Long.MIN_VALUE, rs.getObject("i64"));
            assertEquals(new BigInteger("18446744073709551615"), rs.getObject("u64"));
            assertEquals(0.5f, rs.getObject("f32"));
            assertEquals(-1.25d, rs.getObject("f64"));
            assertEquals("ünï ✓", rs.getString("s"));
            assertEquals("ab\0", rs.getString("fs"));
            assertEquals(LocalDate.of(2024, 3, 10), rs.getDate("d").toLocalDate());
            assertEquals(
                    Instant.parse("2024-03-10T02:30:00Z"), rs.getTimestamp("dt").toInstant());
            assertArrayEquals(new Object[] {(short) 1, (short) 2, (short) 3}, (Object[])
                    rs.getArray("arr").getArray());
            assertArrayEquals(
                    new Object[] {"x", null}, (Object[]) rs.getArray("arr_n").getArray());
            assertNull(rs.getObject("n"));
            assertEquals("x", rs.getString("ns"));
            assertEquals(new BigDecimal("12.345"), rs.getBigDecimal("dec"));
            assertEquals(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"), rs.getObject("u"));
            assertEquals("b", rs.getString("e"));
            assertFalse(rs.next());
        }
    }

    @Test
    void batchInsertsThousandsOfRowsAndSelectsThemBack() throws Exception {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE batch_t (id UInt32, i64 Int64, f64 Float64, s String, d Date,"
                    + " dt DateTime('UTC'), ns Nullable(String), arr Array(Int32), dec Decimal(18, 4), u UUID,"
                    + " e Enum8('a' = 1, 'b' = 2)) ENGINE = MergeTree ORDER BY id");
        }
        int n = 3000;
        LocalDate day0 = LocalDate.of(2020, 1, 1);
        Instant t0 = Instant.parse("2024-03-10T06:59:30Z"); // the rows cross New York's DST change at 07:00 UTC
        try (PreparedStatement ps =
                conn.prepareStatement("INSERT INTO batch_t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setInt(1, i);
                ps.setLong(2, (long) i * -3_000_000_007L);
                ps.setDouble(3, i / 8.0);
                ps.setString(4, "row " + i + (i % 100 == 0 ? " ✓ \"q\" \t" : ""));
                ps.setObject(5, day0.plusDays(i));
                ps.setTimestamp(6, Timestamp.from(t0.plusSeconds(i)));
                ps.setString(7, i % 3 == 0 ? null : "n" + i);
                ps.setArray(8, conn.createArrayOf("Int32", new Object[] {i, -i}));
                ps.setBigDecimal(9, BigDecimal.valueOf(i, 4));
                ps.setObject(10, new UUID(i, -i));
                ps.setString(11, i % 2 == 0 ? "a" : "b");
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertEquals(n, counts.length);
            for (int c : counts) {
                assertEquals(1, c);
            }
        }
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM batch_t ORDER BY id")) {
            for (int i = 0; i < n; i++) {
                assertTrue(rs.next(), "row " + i);
                assertEquals(i, rs.getInt("id"));
                assertEquals((long) i * -3_000_000_007L, rs.getLong("i64"));
                assertEquals(i / 8.0, rs.getDouble("f64"));
                assertEquals("row " + i + (i % 100 == 0 ? " ✓ \"q\" \t" : ""), rs.getString("s"));
                assertEquals(day0.plusDays(i), rs.getDate("d").toLocalDate());
                assertEquals(t0.plusSeconds(i), rs.getTimestamp("dt").toInstant());
                assertEquals(i % 3 == 0 ? null : "n" + i, rs.getString("ns"));
                Array arr = rs.getArray("arr");
                assertArrayEquals(new Object[] {i, -i}, (Object[]) arr.getArray());
                assertEquals(BigDecimal.valueOf(i, 4), rs.getBigDecimal("dec"));
                assertEquals(new UUID(i, -i), rs.getObject("u"));
                assertEquals(i % 2 == 0 ? "a" : "b", rs.getString("e"));
            }
            assertFalse(rs.next());
        }
        // what ClickHouse itself stored
        assertEquals(
                "3000\t4498500\t-13495500031489500\t562312.5\t2020-01-01\t2028-03-18\t1\t2000\t4498500\n",
                proxist.query("SELECT count(), sum(id), sum(i64), sum(f64), min(d), max(d),"
                        + " countIf(s LIKE '%✓%' AND id = 0), count(ns), sum(arr[1]) FROM batch_t"));
        assertEquals(
                "0\t2024-03-10 06:59:30\t\\N\t[0,0]\t0.0000\t00000000-0000-0000-0000-000000000000\ta\n"
                        + "2999\t2024-03-10 07:49:29\tn2999\t[2999,-2999]\t0.2999"
                        + "\t00000000-0000-0bb7-ffff-fffffffff449\tb\n",
                proxist.query("SELECT id, dt, ns, arr, dec, u, e FROM batch_t WHERE id IN (0, 2999) ORDER BY id"));
    }

    /** A server error reaches the application as SQLException carrying ClickHouse's code; the connection goes on. */
    @Test
    void serverErrorsCarryTheClickHouseCode() throws Exception {
        try (Statement st = conn.createStatement()) {
            SQLException unknown =
                    assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM no_such_table"));
            assertEquals(60, clickHouseCode(unknown), () -> chain(unknown));
            assertTrue(unknown.getMessage().contains("no_such_table doesn't exist"), unknown.getMessage());

            SQLException syntax = assertThrows(SQLException.class, () -> st.executeQuery("SELEC 1"));
            assertEquals(62, clickHouseCode(syntax), () -> chain(syntax));
            assertTrue(syntax.getMessage().contains("Syntax error"), syntax.getMessage());

            try (ResultSet rs = st.executeQuery("SELECT 40 + 2")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    /**
     * The driver wraps the server's exception (its own code -2) around one carrying the server's code: the first
     * code in the cause chain that is not the driver's.
     */
    static int clickHouseCode(SQLException e) {
        assertInstanceOf(SQLException.class, e.getCause(), () -> chain(e));
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() > 0) {
                return s.getErrorCode();
            }
        }
        return e.getErrorCode();
    }

    static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t)
                    .append(t instanceof SQLException s ? " [code " + s.getErrorCode() + "]" : "")
                    .append('\n');
        }
        return sb.toString();
    }
}
