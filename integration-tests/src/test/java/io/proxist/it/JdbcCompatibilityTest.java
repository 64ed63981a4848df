package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.ServerException;
import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** clickhouse-jdbc 0.9.4 (the jdbc-v2 driver) through Proxist, the real (old) ClickHouse behind it. */
@WithClickHouse
class JdbcCompatibilityTest {
    static ProxistServer proxist;
    static String db;
    static Connection conn;

    /** Every column type the backing server supports, with the java.sql.Types the driver reports for it. */
    static final Map<String, Integer> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("i8 Int8", Types.TINYINT);
        COLUMNS.put("i16 Int16", Types.SMALLINT);
        COLUMNS.put("i32 Int32", Types.INTEGER);
        COLUMNS.put("i64 Int64", Types.BIGINT);
        COLUMNS.put("u8 UInt8", Types.SMALLINT);
        COLUMNS.put("u16 UInt16", Types.INTEGER);
        COLUMNS.put("u32 UInt32", Types.BIGINT);
        COLUMNS.put("u64 UInt64", Types.OTHER);
        COLUMNS.put("f32 Float32", Types.FLOAT);
        COLUMNS.put("f64 Float64", Types.DOUBLE);
        COLUMNS.put("s String", Types.VARCHAR);
        COLUMNS.put("fs FixedString(3)", Types.VARCHAR);
        COLUMNS.put("d Date", Types.DATE);
        COLUMNS.put("dt DateTime", Types.TIMESTAMP);
        COLUMNS.put("e Enum8('a' = 1, 'b' = 2)", Types.VARCHAR);
        COLUMNS.put("u UUID", Types.OTHER);
        COLUMNS.put("ns Nullable(String)", Types.VARCHAR);
        COLUMNS.put("arr Array(Float64)", Types.ARRAY);
    }

    @BeforeAll
    static void start(TestClickHouse ch) throws Exception {
        proxist = ProxistUnderTest.start(ch, Map.of());
        db = ch.database();
        Class.forName("com.clickhouse.jdbc.Driver");
        Properties p = new Properties();
        p.setProperty("user", "default");
        p.setProperty("password", "");
        conn = DriverManager.getConnection("jdbc:clickhouse://127.0.0.1:" + proxist.httpPort() + "/" + db, p);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE all_types (" + String.join(", ", COLUMNS.keySet())
                    + ") ENGINE = MergeTree ORDER BY (i32, i8)");
            st.execute("CREATE TABLE log_t (x UInt8) ENGINE = TinyLog");
            st.execute("CREATE TABLE mem_t (x UInt8) ENGINE = Memory");
            st.execute("CREATE VIEW view_t AS SELECT 1 AS x");
            st.execute("CREATE TABLE under_score (x UInt8) ENGINE = Memory");
            st.execute("CREATE TABLE underXscore (x UInt8) ENGINE = Memory");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (conn != null) conn.close();
        if (proxist != null) proxist.close();
    }

    @Test
    void connects() throws Exception {
        assertTrue(conn.isValid(5));
        DatabaseMetaData md = conn.getMetaData();
        assertEquals("ClickHouse", md.getDatabaseProductName());
        assertEquals("25.8.1.1", md.getDatabaseProductVersion());
        assertEquals(25, md.getDatabaseMajorVersion());
        assertEquals(db, conn.getSchema());
    }

    @Test
    void getTablesFiltersByPatternAndType() throws Exception {
        DatabaseMetaData md = conn.getMetaData();
        try (ResultSet rs = md.getTables(null, db, "%", null)) {
            assertColumns(
                    rs,
                    "TABLE_CAT String",
                    "TABLE_SCHEM String",
                    "TABLE_NAME String",
                    "TABLE_TYPE String",
                    "REMARKS String",
                    "TYPE_CAT Nullable(String)",
                    "TYPE_SCHEM String",
                    "TYPE_NAME Nullable(String)",
                    "SELF_REFERENCING_COL_NAME Nullable(String)",
                    "REF_GENERATION Nullable(String)");
            Map<String, String> types = new LinkedHashMap<>();
            while (rs.next()) {
                assertEquals("", rs.getString("TABLE_CAT"));
                assertEquals(db, rs.getString("TABLE_SCHEM"));
                assertEquals("", rs.getString("REMARKS"));
                assertNull(rs.getString("TYPE_CAT"));
                assertNull(rs.getString("REF_GENERATION"));
                types.put(rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"));
            }
            // JDBC order: by type, then name
            assertEquals(
                    Map.of(
                            "log_t", "LOG TABLE",
                            "mem_t", "MEMORY TABLE",
                            "under_score", "MEMORY TABLE",
                            "underXscore", "MEMORY TABLE",
                            "all_types", "TABLE",
                            "view_t", "VIEW"),
                    types);
            assertEquals(
                    List.of("log_t", "mem_t", "underXscore", "under_score", "all_types", "view_t"),
                    List.copyOf(types.keySet()));
        }
        assertEquals(List.of("all_types"), tableNames(md.getTables(null, db, "all\\_types", new String[] {"TABLE"})));
        assertEquals(List.of("view_t"), tableNames(md.getTables(null, db, "%", new String[] {"VIEW"})));
        assertEquals(List.of(), tableNames(md.getTables(null, db, "all_types", new String[] {"VIEW"})));
        // '_' is any one character unless escaped with the search string escape
        assertEquals(List.of("underXscore", "under_score"), tableNames(md.getTables(null, db, "under_score", null)));
        assertEquals(
                List.of("under_score"),
                tableNames(md.getTables(null, db, "under" + md.getSearchStringEscape() + "_score", null)));
        assertEquals(List.of(), tableNames(md.getTables(null, "no_such_db%", "%", null)));
        // every database when no schema is given: the system tables are there too
        List<String> system = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, null, "numbers", null)) {
            while (rs.next()) system.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_TYPE"));
        }
        assertEquals(List.of("system.SYSTEM TABLE"), system);
    }

    @Test
    void getColumnsDescribesEveryType() throws Exception {
        DatabaseMetaData md = conn.getMetaData();
        try (ResultSet rs = md.getColumns(null, db, "all_types", null)) {
            assertColumns(
                    rs,
                    "TABLE_CAT String",
                    "TABLE_SCHEM String",
                    "TABLE_NAME String",
                    "COLUMN_NAME String",
                    "DATA_TYPE Int32",
                    "TYPE_NAME String",
                    "COLUMN_SIZE Nullable(Int32)",
                    "BUFFER_LENGTH Int32",
                    "DECIMAL_DIGITS Nullable(Int32)",
                    "NUM_PREC_RADIX Nullable(Int32)",
                    "NULLABLE Int32",
                    "REMARKS String",
                    "COLUMN_DEF String",
                    "SQL_DATA_TYPE Int32",
                    "SQL_DATETIME_SUB Int32",
                    "CHAR_OCTET_LENGTH Nullable(Int32)",
                    "ORDINAL_POSITION Int32",
                    "IS_NULLABLE String",
                    "SCOPE_CATALOG Nullable(String)",
                    "SCOPE_SCHEMA Nullable(String)",
                    "SCOPE_TABLE Nullable(String)",
                    "SOURCE_DATA_TYPE Nullable(Int16)",
                    "IS_AUTOINCREMENT String",
                    "IS_GENERATEDCOLUMN String");
            int position = 0;
            for (Map.Entry<String, Integer> c : COLUMNS.entrySet()) {
                assertTrue(rs.next(), c.getKey());
                position++;
                String name = c.getKey().substring(0, c.getKey().indexOf(' '));
                String type = c.getKey().substring(name.length() + 1);
                assertEquals(db, rs.getString("TABLE_SCHEM"));
                assertEquals("all_types", rs.getString("TABLE_NAME"));
                assertEquals(name, rs.getString("COLUMN_NAME"));
                assertEquals(type, rs.getString("TYPE_NAME"));
                assertEquals(c.getValue(), rs.getInt("DATA_TYPE"), name);
                assertEquals(position, rs.getInt("ORDINAL_POSITION"));
                boolean nullable = type.startsWith("Nullable(");
                assertEquals(
                        nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                        rs.getInt("NULLABLE"));
                assertEquals(nullable ? "YES" : "NO", rs.getString("IS_NULLABLE"));
                assertEquals("NO", rs.getString("IS_AUTOINCREMENT"));
                switch (name) {
                    case "i32" -> {
                        assertEquals(4, rs.getInt("COLUMN_SIZE"), "bytes, as the driver's multiIf reports");
                        assertEquals(2, rs.getInt("NUM_PREC_RADIX"));
                        rs.getInt("DECIMAL_DIGITS");
                        assertTrue(rs.wasNull(), "scale 0 is NULL");
                    }
                    case "fs" -> {
                        assertEquals(3, rs.getInt("COLUMN_SIZE"));
                        assertEquals(3, rs.getInt("CHAR_OCTET_LENGTH"));
                    }
                    case "u" -> assertEquals(16, rs.getInt("COLUMN_SIZE"));
                    case "s" -> {
                        assertEquals(0, rs.getInt("COLUMN_SIZE"));
                        rs.getInt("CHAR_OCTET_LENGTH");
                        assertTrue(rs.wasNull());
                        rs.getInt("NUM_PREC_RADIX");
                        assertTrue(rs.wasNull());
                    }
                    default -> {}
                }
            }
            assertFalse(rs.next());
        }
        List<String> names = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, db, "all%", "u%")) {
            while (rs.next()) names.add(rs.getString("COLUMN_NAME") + "@" + rs.getInt("ORDINAL_POSITION"));
        }
        assertEquals(List.of("u8@5", "u16@6", "u32@7", "u64@8", "u@16"), names);
    }

    @Test
    void schemasCatalogsTableTypes() throws Exception {
        DatabaseMetaData md = conn.getMetaData();
        List<String> schemas = new ArrayList<>();
        try (ResultSet rs = md.getSchemas()) {
            assertColumns(rs, "TABLE_SCHEM String", "TABLE_CATALOG String");
            while (rs.next()) schemas.add(rs.getString("TABLE_SCHEM"));
        }
        assertTrue(
                schemas.contains(db) && schemas.contains("system") && schemas.contains("default"), schemas::toString);
        assertEquals(schemas.stream().sorted().toList(), schemas);
        try (ResultSet rs = md.getSchemas(null, db)) {
            assertTrue(rs.next());
            assertEquals(db, rs.getString(1));
            assertEquals("", rs.getString(2));
            assertFalse(rs.next());
        }
        try (ResultSet rs = md.getCatalogs()) {
            assertColumns(rs, "TABLE_CAT String");
            assertFalse(rs.next());
        }
        List<String> tableTypes = new ArrayList<>();
        try (ResultSet rs = md.getTableTypes()) {
            assertColumns(rs, "TABLE_TYPE String");
            while (rs.next()) tableTypes.add(rs.getString(1));
        }
        assertEquals(
                List.of(
                        "DICTIONARY",
                        "LOG TABLE",
                        "MEMORY TABLE",
                        "REMOTE TABLE",
                        "SYSTEM TABLE",
                        "TABLE",
                        "TEMPORARY TABLE",
                        "VIEW"),
                tableTypes);
    }

    @Test
    void getTypeInfoAndFunctions() throws Exception {
        DatabaseMetaData md = conn.getMetaData();
        Map<String, Integer> dataTypes = new LinkedHashMap<>();
        Map<String, Integer> nullable = new LinkedHashMap<>();
        try (ResultSet rs = md.getTypeInfo()) {
            assertColumns(
                    rs,
                    "TYPE_NAME String",
                    "DATA_TYPE Int32",
                    "PRECISION Nullable(Int32)",
                    "LITERAL_PREFIX Nullable(String)",
                    "LITERAL_SUFFIX Nullable(String)",
                    "CREATE_PARAMS Nullable(String)",
                    "NULLABLE Int16",
                    "CASE_SENSITIVE Bool",
                    "SEARCHABLE Int16",
                    "UNSIGNED_ATTRIBUTE Bool",
                    "FIXED_PREC_SCALE Bool",
                    "AUTO_INCREMENT Bool",
                    "LOCAL_TYPE_NAME String",
                    "MINIMUM_SCALE Nullable(Int16)",
                    "MAXIMUM_SCALE Nullable(Int16)",
                    "SQL_DATA_TYPE Nullable(Int32)",
                    "SQL_DATETIME_SUB Nullable(Int32)",
                    "NUM_PREC_RADIX Nullable(Int32)");
            while (rs.next()) {
                String name = rs.getString("TYPE_NAME");
                dataTypes.put(name, rs.getInt("DATA_TYPE"));
                nullable.put(name, rs.getInt("NULLABLE"));
                assertEquals(name, rs.getString("LOCAL_TYPE_NAME"));
                assertEquals(DatabaseMetaData.typeSearchable, rs.getInt("SEARCHABLE"));
                if (name.equals("Int32")) {
                    assertEquals(10, rs.getInt("PRECISION"));
                    assertFalse(rs.getBoolean("UNSIGNED_ATTRIBUTE"));
                    assertTrue(rs.getBoolean("CASE_SENSITIVE"));
                }
                if (name.equals("UInt64")) assertTrue(rs.getBoolean("UNSIGNED_ATTRIBUTE"));
                if (name.equals("Decimal64")) assertEquals(18, rs.getInt("MAXIMUM_SCALE"));
            }
        }
        assertEquals(Types.INTEGER, dataTypes.get("Int32"));
        assertEquals(Types.VARCHAR, dataTypes.get("String"));
        assertEquals(Types.TIMESTAMP, dataTypes.get("DateTime"));
        assertEquals(Types.ARRAY, dataTypes.get("Array"));
        assertEquals(DatabaseMetaData.typeNullable, nullable.get("Nullable"));
        assertEquals(DatabaseMetaData.typeNoNulls, nullable.get("String"));
        assertFalse(dataTypes.containsKey("VARCHAR"), "aliases are left out");

        List<String> functions = new ArrayList<>();
        try (ResultSet rs = md.getFunctions(null, null, "toInt3%")) {
            assertColumns(
                    rs,
                    "FUNCTION_CAT Nullable(String)",
                    "FUNCTION_SCHEM Nullable(String)",
                    "FUNCTION_NAME Nullable(String)",
                    "REMARKS String",
                    "FUNCTION_TYPE Int16",
                    "SPECIFIC_NAME String");
            while (rs.next()) {
                functions.add(rs.getString("FUNCTION_NAME"));
                assertEquals(rs.getString("FUNCTION_NAME"), rs.getString("SPECIFIC_NAME"));
                assertEquals(DatabaseMetaData.functionResultUnknown, rs.getInt("FUNCTION_TYPE"));
            }
        }
        assertTrue(functions.containsAll(List.of("toInt32", "toInt32OrZero")), functions::toString);
        assertTrue(functions.stream().allMatch(f -> f.startsWith("toInt3")), functions::toString);
    }

    @Test
    void theOtherMetadataResults() throws Exception {
        DatabaseMetaData md = conn.getMetaData();
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = md.getPrimaryKeys(null, db, "ALL_TYPES")) {
            assertColumns(
                    rs,
                    "TABLE_CAT Nullable(String)",
                    "TABLE_SCHEM String",
                    "TABLE_NAME String",
                    "COLUMN_NAME String",
                    "KEY_SEQ Int16",
                    "PK_NAME String");
            while (rs.next()) {
                keys.add(rs.getString("COLUMN_NAME") + "@" + rs.getShort("KEY_SEQ") + "@" + rs.getString("PK_NAME"));
            }
        }
        assertEquals(List.of("i32@1@PRIMARY", "i8@2@PRIMARY"), keys, "ordered by column name, as the driver asks");
        try (ResultSet rs = md.getClientInfoProperties()) {
            assertColumns(rs, "NAME String", "MAX_LEN UInt8", "DEFAULT_VALUE String", "DESCRIPTION String");
            assertTrue(rs.next());
            assertEquals("ApplicationName", rs.getString("NAME"));
            assertEquals(255, rs.getInt("MAX_LEN"));
        }
        // the empty results the driver asks for with LIMIT 0 (each opened and closed in turn: an open result
        // holds one of the driver's pooled connections)
        record Empty(String what, MetadataCall call, int columns) {}
        for (Empty e : List.of(
                new Empty("procedures", () -> md.getProcedures(null, null, "%"), 9),
                new Empty("procedure columns", () -> md.getProcedureColumns(null, null, "%", "%"), 20),
                new Empty("column privileges", () -> md.getColumnPrivileges(null, db, "all_types", "%"), 8),
                new Empty("table privileges", () -> md.getTablePrivileges(null, db, "%"), 7),
                new Empty("best row", () -> md.getBestRowIdentifier(null, db, "all_types", 0, true), 8),
                new Empty("version columns", () -> md.getVersionColumns(null, db, "all_types"), 8),
                new Empty("imported keys", () -> md.getImportedKeys(null, db, "all_types"), 14),
                new Empty("exported keys", () -> md.getExportedKeys(null, db, "all_types"), 14),
                new Empty("cross reference", () -> md.getCrossReference(null, db, "a", null, db, "b"), 14),
                new Empty("index info", () -> md.getIndexInfo(null, db, "all_types", false, true), 13),
                new Empty("UDTs", () -> md.getUDTs(null, db, "%", null), 7),
                new Empty("super types", () -> md.getSuperTypes(null, db, "%"), 6),
                new Empty("super tables", () -> md.getSuperTables(null, db, "%"), 4),
                new Empty("attributes", () -> md.getAttributes(null, db, "%", "%"), 21),
                new Empty("function columns", () -> md.getFunctionColumns(null, null, "%", "%"), 17),
                new Empty("pseudo columns", () -> md.getPseudoColumns(null, db, "%", "%"), 12))) {
            try (ResultSet rs = e.call().get()) {
                assertEquals(e.columns(), rs.getMetaData().getColumnCount(), e.what());
                assertFalse(rs.next(), e.what());
            }
        }
    }

    @FunctionalInterface
    interface MetadataCall {
        ResultSet get() throws SQLException;
    }

    @Test
    void batchInsertAndSelectRoundTripEveryType() throws Exception {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE round_trip (" + String.join(", ", COLUMNS.keySet())
                    + ") ENGINE = MergeTree ORDER BY i32");
        }
        record Row(
                byte i8,
                short i16,
                int i32,
                long i64,
                short u8,
                int u16,
                long u32,
                BigInteger u64,
                float f32,
                double f64,
                String s,
                String fs,
                LocalDate d,
                LocalDateTime dt,
                String e,
                UUID u,
                String ns,
                double[] arr) {}
        List<Row> rows = List.of(
                new Row(
                        Byte.MIN_VALUE,
                        Short.MIN_VALUE,
                        Integer.MIN_VALUE,
                        Long.MIN_VALUE,
                        (short) 0,
                        0,
                        0L,
                        BigInteger.ZERO,
                        -1.5f,
                        -2.25,
                        "",
                        "abc",
                        LocalDate.of(1970, 1, 2),
                        LocalDateTime.of(2000, 1, 1, 0, 0, 0),
                        "a",
                        new UUID(0, 0),
                        null,
                        new double[0]),
                new Row(
                        Byte.MAX_VALUE,
                        Short.MAX_VALUE,
                        Integer.MAX_VALUE,
                        Long.MAX_VALUE,
                        (short) 255,
                        65535,
                        4294967295L,
                        new BigInteger("18446744073709551615"),
                        3.5f,
                        1e300,
                        "it's a \\ test\twith\nlines",
                        "xyz",
                        LocalDate.of(2099, 12, 31),
                        LocalDateTime.of(2024, 3, 10, 2, 30, 15),
                        "b",
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                        "not null",
                        new double[] {1.5, -0.25, 1e-3}),
                new Row(
                        (byte) 7,
                        (short) 300,
                        42,
                        1L << 40,
                        (short) 8,
                        1000,
                        100000L,
                        BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                        0f,
                        Math.PI,
                        "{curly} [square] (round)",
                        "q'\\",
                        LocalDate.of(2024, 2, 29),
                        LocalDateTime.of(2024, 11, 3, 1, 30, 0),
                        "a",
                        UUID.randomUUID(),
                        "",
                        new double[] {42}));
        String placeholders =
                String.join(", ", COLUMNS.keySet().stream().map(c -> "?").toList());
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO round_trip VALUES (" + placeholders + ")")) {
            for (Row r : rows) {
                int i = 1;
                ps.setByte(i++, r.i8());
                ps.setShort(i++, r.i16());
                ps.setInt(i++, r.i32());
                ps.setLong(i++, r.i64());
                ps.setShort(i++, r.u8());
                ps.setInt(i++, r.u16());
                ps.setLong(i++, r.u32());
                ps.setObject(i++, r.u64());
                ps.setFloat(i++, r.f32());
                ps.setDouble(i++, r.f64());
                ps.setString(i++, r.s());
                ps.setString(i++, r.fs());
                ps.setObject(i++, r.d());
                ps.setObject(i++, r.dt());
                ps.setString(i++, r.e());
                ps.setObject(i++, r.u());
                if (r.ns() == null) ps.setNull(i++, Types.VARCHAR);
                else ps.setString(i++, r.ns());
                ps.setObject(i++, r.arr());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertEquals(rows.size(), counts.length);
            for (int c : counts) {
                assertTrue(c == 1 || c == Statement.SUCCESS_NO_INFO, "update count " + c);
            }
        }
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM round_trip ORDER BY i32")) {
            ResultSetMetaData meta = rs.getMetaData();
            int c = 1;
            for (Map.Entry<String, Integer> col : COLUMNS.entrySet()) {
                String name = col.getKey().substring(0, col.getKey().indexOf(' '));
                assertEquals(name, meta.getColumnName(c));
                assertEquals(col.getKey().substring(name.length() + 1), meta.getColumnTypeName(c));
                c++;
            }
            for (Row r : rows.stream()
                    .sorted(java.util.Comparator.comparingInt(Row::i32))
                    .toList()) {
                assertTrue(rs.next());
                String at = "row i32=" + r.i32();
                assertEquals(r.i8(), rs.getByte("i8"), at);
                assertEquals(r.i16(), rs.getShort("i16"), at);
                assertEquals(r.i32(), rs.getInt("i32"), at);
                assertEquals(r.i64(), rs.getLong("i64"), at);
                assertEquals(r.u8(), rs.getShort("u8"), at);
                assertEquals(r.u16(), rs.getInt("u16"), at);
                assertEquals(r.u32(), rs.getLong("u32"), at);
                assertEquals(r.u64(), rs.getObject("u64", BigInteger.class), at);
                assertEquals(r.f32(), rs.getFloat("f32"), at);
                assertEquals(r.f64(), rs.getDouble("f64"), at);
                assertEquals(r.s(), rs.getString("s"), at);
                assertEquals(r.fs(), rs.getString("fs"), at);
                assertEquals(r.d(), rs.getObject("d", LocalDate.class), at);
                assertEquals(r.dt(), rs.getObject("dt", LocalDateTime.class), at);
                assertEquals(r.e(), rs.getString("e"), at);
                assertEquals(r.u(), rs.getObject("u", UUID.class), at);
                assertEquals(r.ns(), rs.getString("ns"), at);
                Object[] arr = (Object[]) rs.getArray("arr").getArray();
                double[] got = new double[arr.length];
                for (int i = 0; i < arr.length; i++) got[i] = ((Number) arr[i]).doubleValue();
                assertArrayEquals(r.arr(), got, at);
            }
            assertFalse(rs.next());
        }
    }

    @Test
    void preparedStatementParameters() throws Exception {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE params (id UInt32, name String, at Date) ENGINE = MergeTree ORDER BY id");
            st.execute("INSERT INTO params VALUES (1, 'one', '2024-01-01'), (2, 'it''s two', '2024-01-02'),"
                    + " (3, 'three', '2024-01-03')");
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT id, name FROM params WHERE (id >= ? AND name = ?) OR at = ? ORDER BY id")) {
            ps.setInt(1, 2);
            ps.setString(2, "it's two");
            ps.setObject(3, LocalDate.of(2024, 1, 3));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
                assertEquals("it's two", rs.getString(2));
                assertTrue(rs.next());
                assertEquals(3, rs.getInt("id"));
                assertFalse(rs.next());
            }
            ps.setInt(1, 1);
            ps.setString(2, "one");
            ps.setObject(3, LocalDate.of(1999, 1, 1));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("one", rs.getString("name"));
                assertFalse(rs.next());
            }
        }
        // UTF-8 text both ways, in a parameter and in the result
        try (PreparedStatement ps = conn.prepareStatement("SELECT ? AS s, length(?) AS bytes")) {
            String text = "tést ÜTF-8 ✓ 日本";
            ps.setString(1, text);
            ps.setString(2, text);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(text, rs.getString("s"));
                assertEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, rs.getInt("bytes"));
            }
        }
    }

    /**
     * setTimestamp and setObject(Instant) make the driver send {@code fromUnixTimestamp64Nano(n)}, a function the
     * 18.16 backend lacks. On it a DateTime64(9) column is stored as Int64 nanoseconds (schemas' Lowering), here
     * {@code ts}: the instant lands there exactly, in a DateTime column as its whole seconds, and
     * {@code ts >= ?} selects by the exact instant. Comparing a DateTime column with such a parameter is refused
     * rather than answered wrongly.
     */
    @Test
    void timestampParametersOnABackendWithoutDateTime64() throws Exception {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE stamps (id UInt32, at DateTime, ts Int64) ENGINE = MergeTree ORDER BY id");
        }
        Instant base = Instant.parse("2024-03-10T07:30:15.123456789Z"); // 02:30:15 in New York, a DST gap
        List<Instant> instants =
                List.of(base.minusNanos(1), base, base.plusNanos(1), Instant.parse("1999-12-31T23:59:59.999999999Z"));
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO stamps VALUES (?, ?, ?)")) {
            for (int i = 0; i < instants.size(); i++) {
                ps.setInt(1, i + 1);
                ps.setTimestamp(2, Timestamp.from(instants.get(i)));
                if (i % 2 == 0) ps.setTimestamp(3, Timestamp.from(instants.get(i)));
                else ps.setObject(3, instants.get(i));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertEquals(instants.size(), counts.length);
        }
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, toUnixTimestamp(at) AS at, ts FROM stamps ORDER BY id")) {
            for (Instant at : instants) {
                assertTrue(rs.next());
                assertEquals(at.getEpochSecond(), rs.getLong("at"), at::toString);
                assertEquals(at.getEpochSecond() * 1_000_000_000L + at.getNano(), rs.getLong("ts"), at::toString);
            }
            assertFalse(rs.next());
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM stamps WHERE ts >= ? ORDER BY id")) {
            ps.setTimestamp(1, Timestamp.from(base));
            assertEquals(List.of(2, 3), ids(ps));
            ps.setObject(1, base.plusNanos(1));
            assertEquals(List.of(3), ids(ps));
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT count() FROM stamps WHERE at >= ?")) {
            ps.setTimestamp(1, Timestamp.from(base));
            SQLException e = assertThrows(SQLException.class, ps::executeQuery);
            assertEquals(43, serverCode(e), e.getMessage());
        }
    }

    /**
     * setObject(x, java.sql.Types.X) makes the driver send {@code x::T}, which 18.16 cannot parse: written as
     * CAST(x AS T), with the types 18.16 lacks (Date32, Bool) as the ones that store them.
     */
    @Test
    void typedParametersOnABackendWithoutTheCastOperator() throws Exception {
        record Typed(Object value, int sqlType, String expected, String type) {}
        List<Typed> typed = List.of(
                new Typed((byte) -5, Types.TINYINT, "-5", "Int8"),
                new Typed((short) -300, Types.SMALLINT, "-300", "Int16"),
                new Typed(-7, Types.INTEGER, "-7", "Int32"),
                new Typed(-(1L << 40), Types.BIGINT, Long.toString(-(1L << 40)), "Int64"),
                new Typed(1.5f, Types.FLOAT, "1.5", "Float32"),
                new Typed(-2.25e-5, Types.DOUBLE, "-2.25E-5", "Float64"),
                new Typed("it's a::b", Types.VARCHAR, "it's a::b", "String"),
                new Typed(LocalDate.of(2024, 1, 2), Types.DATE, "2024-01-02", "Date"),
                new Typed(true, Types.BOOLEAN, "1", "UInt8"));
        for (Typed t : typed) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT ? AS v, toTypeName(?) AS t")) {
                ps.setObject(1, t.value(), t.sqlType());
                ps.setObject(2, t.value(), t.sqlType());
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), t::toString);
                    assertEquals(t.expected(), rs.getString("v"), t::toString);
                    assertEquals(t.type(), rs.getString("t"), t::toString);
                }
            }
        }
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE typed (i8 Int8, i64 Int64, f64 Float64, s String, d Date, b UInt8)"
                    + " ENGINE = MergeTree ORDER BY i64");
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int r = 0; r < 2; r++) {
                ps.setObject(1, (byte) (r == 0 ? -128 : 127), Types.TINYINT);
                ps.setObject(2, r == 0 ? Long.MIN_VALUE : Long.MAX_VALUE, Types.BIGINT);
                ps.setObject(3, r == 0 ? -1.0e-300 : 1.0e300, Types.DOUBLE);
                ps.setObject(4, r == 0 ? "x::Int8 'q' \\ /* c */" : "", Types.VARCHAR);
                ps.setObject(5, LocalDate.of(2024, 2, 29).plusDays(r), Types.DATE);
                ps.setObject(6, r == 0, Types.BOOLEAN);
                ps.addBatch();
            }
            assertEquals(2, ps.executeBatch().length);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM typed WHERE i64 < ?::Int64 ORDER BY i64")) {
            ps.setObject(1, 0L, Types.BIGINT);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(-128, rs.getByte("i8"));
                assertEquals(Long.MIN_VALUE, rs.getLong("i64"));
                assertEquals(-1.0e-300, rs.getDouble("f64"));
                assertEquals("x::Int8 'q' \\ /* c */", rs.getString("s"));
                assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("d", LocalDate.class));
                assertEquals(1, rs.getInt("b"));
                assertFalse(rs.next());
            }
        }
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(), max(f64), max(d) FROM typed")) {
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
            assertEquals(1.0e300, rs.getDouble(2));
            assertEquals(LocalDate.of(2024, 3, 1), rs.getObject(3, LocalDate.class));
        }
    }

    private static List<Integer> ids(PreparedStatement ps) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }

    @Test
    void serverErrorsSurfaceWithTheirCodes() throws Exception {
        try (Statement st = conn.createStatement()) {
            SQLException unknown =
                    assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM no_such_table"));
            assertEquals(60, serverCode(unknown), unknown.getMessage());
            assertTrue(unknown.getMessage().startsWith("Code: 60. DB::Exception: "), unknown.getMessage());
            assertTrue(unknown.getMessage().contains("(UNKNOWN_TABLE)"), unknown.getMessage());
            SQLException syntax = assertThrows(SQLException.class, () -> st.executeQuery("SELECT (1 + 2"));
            assertEquals(62, serverCode(syntax), syntax.getMessage());
            assertTrue(syntax.getMessage().contains("(SYNTAX_ERROR)"), syntax.getMessage());
            // the connection still serves
            try (ResultSet rs = st.executeQuery("SELECT 40 + 2")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    /**
     * The ClickHouse error code of a server error: the SQLException's vendor code where the driver sets it (from
     * 0.9.8), else that of its cause, the client's ServerException (0.9.4 leaves the vendor code 0).
     */
    private static int serverCode(SQLException e) {
        if (e.getErrorCode() != 0) return e.getErrorCode();
        assertTrue(e.getCause() instanceof ServerException, () -> "not a server error: " + e);
        return ((ServerException) e.getCause()).getCode();
    }

    /**
     * The result's columns, each {@code "NAME Type"}: the JDBC names in the JDBC order, with the ClickHouse types a
     * current server gives the driver's query.
     */
    private static void assertColumns(ResultSet rs, String... namesAndTypes) throws SQLException {
        ResultSetMetaData m = rs.getMetaData();
        List<String> got = new ArrayList<>();
        for (int i = 1; i <= m.getColumnCount(); i++) got.add(m.getColumnLabel(i) + " " + m.getColumnTypeName(i));
        assertEquals(List.of(namesAndTypes), got);
    }

    private static List<String> tableNames(ResultSet rs) throws SQLException {
        try (rs) {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString("TABLE_NAME"));
            return out;
        }
    }
}
