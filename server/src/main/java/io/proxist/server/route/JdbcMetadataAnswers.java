package io.proxist.server.route;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.LongColumn;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.query.QueryContext;
import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import io.proxist.core.type.DataType;
import io.proxist.pushdown.passthrough.UpstreamExecutor;
import io.proxist.server.route.ResultRows.Col;
import io.proxist.server.route.SelectShape.Item;
import io.proxist.server.route.SelectShape.Predicate;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Answers the DatabaseMetaData queries of clickhouse-jdbc (0.9.x, the jdbc-v2 driver) that the backing server
 * cannot run: they use {@code ::} casts, the VALUES table function, joins of system tables and columns an old
 * server's system tables lack. Each query is recognised by its shape on tokens: a SELECT whose items carry
 * exactly the JDBC result column names as aliases, over the system table the driver reads, with a WHERE of
 * {@code column LIKE 'pattern'} conjuncts (the driver inlines the patterns). The rows come from plain queries on
 * the backing server's system tables, the patterns are applied here, and the result has the names and types a
 * current ClickHouse gives the driver's query. Empty results the driver asks for by {@code LIMIT 0} (foreign keys,
 * procedures, privileges, ...) are answered from the casts alone.
 *
 * <p>{@code DATA_TYPE} is the {@link java.sql.Types} number the driver assigns each ClickHouse type (it overwrites
 * the column client-side by the same mapping, so both agree).
 */
public final class JdbcMetadataAnswers {
    private JdbcMetadataAnswers() {}

    static final List<Col> TABLES = List.of(
            Col.of("TABLE_CAT", "String"),
            Col.of("TABLE_SCHEM", "String"),
            Col.of("TABLE_NAME", "String"),
            Col.of("TABLE_TYPE", "String"),
            Col.of("REMARKS", "String"),
            Col.of("TYPE_CAT", "Nullable(String)"),
            Col.of("TYPE_SCHEM", "String"),
            Col.of("TYPE_NAME", "Nullable(String)"),
            Col.of("SELF_REFERENCING_COL_NAME", "Nullable(String)"),
            Col.of("REF_GENERATION", "Nullable(String)"));

    static final List<Col> COLUMNS = List.of(
            Col.of("TABLE_CAT", "String"),
            Col.of("TABLE_SCHEM", "String"),
            Col.of("TABLE_NAME", "String"),
            Col.of("COLUMN_NAME", "String"),
            Col.of("DATA_TYPE", "Int32"),
            Col.of("TYPE_NAME", "String"),
            Col.of("COLUMN_SIZE", "Nullable(Int32)"),
            Col.of("BUFFER_LENGTH", "Int32"),
            Col.of("DECIMAL_DIGITS", "Nullable(Int32)"),
            Col.of("NUM_PREC_RADIX", "Nullable(Int32)"),
            Col.of("NULLABLE", "Int32"),
            Col.of("REMARKS", "String"),
            Col.of("COLUMN_DEF", "String"),
            Col.of("SQL_DATA_TYPE", "Int32"),
            Col.of("SQL_DATETIME_SUB", "Int32"),
            Col.of("CHAR_OCTET_LENGTH", "Nullable(Int32)"),
            Col.of("ORDINAL_POSITION", "Int32"),
            Col.of("IS_NULLABLE", "String"),
            Col.of("SCOPE_CATALOG", "Nullable(String)"),
            Col.of("SCOPE_SCHEMA", "Nullable(String)"),
            Col.of("SCOPE_TABLE", "Nullable(String)"),
            Col.of("SOURCE_DATA_TYPE", "Nullable(Int16)"),
            Col.of("IS_AUTOINCREMENT", "String"),
            Col.of("IS_GENERATEDCOLUMN", "String"));

    static final List<Col> SCHEMAS = List.of(Col.of("TABLE_SCHEM", "String"), Col.of("TABLE_CATALOG", "String"));

    static final List<Col> FUNCTIONS = List.of(
            Col.of("FUNCTION_CAT", "Nullable(String)"),
            Col.of("FUNCTION_SCHEM", "Nullable(String)"),
            Col.of("FUNCTION_NAME", "Nullable(String)"),
            Col.of("REMARKS", "String"),
            Col.of("FUNCTION_TYPE", "Int16"),
            Col.of("SPECIFIC_NAME", "String"));

    static final List<Col> TYPE_INFO = List.of(
            Col.of("TYPE_NAME", "String"),
            Col.of("DATA_TYPE", "Int32"),
            Col.of("PRECISION", "Nullable(Int32)"),
            Col.of("LITERAL_PREFIX", "Nullable(String)"),
            Col.of("LITERAL_SUFFIX", "Nullable(String)"),
            Col.of("CREATE_PARAMS", "Nullable(String)"),
            Col.of("NULLABLE", "Int16"),
            Col.of("CASE_SENSITIVE", "Bool"),
            Col.of("SEARCHABLE", "Int16"),
            Col.of("UNSIGNED_ATTRIBUTE", "Bool"),
            Col.of("FIXED_PREC_SCALE", "Bool"),
            Col.of("AUTO_INCREMENT", "Bool"),
            Col.of("LOCAL_TYPE_NAME", "String"),
            Col.of("MINIMUM_SCALE", "Nullable(Int16)"),
            Col.of("MAXIMUM_SCALE", "Nullable(Int16)"),
            Col.of("SQL_DATA_TYPE", "Nullable(Int32)"),
            Col.of("SQL_DATETIME_SUB", "Nullable(Int32)"),
            Col.of("NUM_PREC_RADIX", "Nullable(Int32)"));

    static final List<Col> PRIMARY_KEYS = List.of(
            Col.of("TABLE_CAT", "Nullable(String)"),
            Col.of("TABLE_SCHEM", "String"),
            Col.of("TABLE_NAME", "String"),
            Col.of("COLUMN_NAME", "String"),
            Col.of("KEY_SEQ", "Int16"),
            Col.of("PK_NAME", "String"));

    static final List<String> CLIENT_INFO = List.of("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION");

    /** The answer, or null when the statement is not one of the driver's metadata queries. */
    public static BlockCursor tryAnswer(UpstreamExecutor upstream, QueryContext ctx, String sql) {
        SqlToken first;
        try {
            first = new SqlLexer(sql).next();
        } catch (RuntimeException e) {
            return null;
        }
        if (first == null || !first.isWord("SELECT")) return null;
        SelectShape s = SelectShape.parse(sql);
        if (s == null) return null;
        Backend b = new Backend(upstream, ctx);
        List<String> aliases = s.aliases();
        String from = s.fromTable();
        if (from == null) {
            return s.from.isEmpty() ? constants(s) : null;
        }
        return switch (from) {
            case "system.tables" -> {
                if (aliases.equals(ResultRows.names(TABLES))) yield tables(s, b);
                if (aliases.equals(ResultRows.names(PRIMARY_KEYS))) yield primaryKeys(s, b);
                yield null;
            }
            case "system.columns" -> aliases.equals(ResultRows.names(COLUMNS)) ? columns(s, b) : null;
            case "system.databases" -> aliases.equals(ResultRows.names(SCHEMAS)) ? schemas(s, b) : null;
            case "system.functions" -> aliases.equals(ResultRows.names(FUNCTIONS)) ? functions(s, b) : null;
            case "system.data_type_families" -> aliases.equals(ResultRows.names(TYPE_INFO)) ? typeInfo(s, b) : null;
            default -> s.from.getFirst().isWord("VALUES") && aliases.equals(CLIENT_INFO) ? clientInfo(s) : null;
        };
    }

    // ---- getTables

    private static BlockCursor tables(SelectShape s, Backend b) {
        Map<String, Predicate> f = filters(s, "database LIKE", "name LIKE", "TABLE_TYPE IN");
        if (f == null) return null;
        SqlLike db = like(f, "database");
        SqlLike name = like(f, "name");
        Predicate types = f.get("TABLE_TYPE");
        String catalog = stringConstant(s, s.items.get(0), "");
        Map<String, String> dbEngines = new HashMap<>();
        b.scan("SELECT name, engine FROM system.databases" + equality("name", db), (blk, r) -> {
            dbEngines.put(str(blk, 0, r), str(blk, 1, r));
        });
        ResultRows rows = new ResultRows(TABLES);
        b.scan(
                "SELECT database, name, engine, is_temporary, data_path FROM system.tables" + equality("database", db),
                (blk, r) -> {
                    String database = str(blk, 0, r);
                    String table = str(blk, 1, r);
                    String dbEngine = dbEngines.get(database);
                    if (dbEngine == null || !db.matches(database) || !name.matches(table)) return;
                    String type = tableType(str(blk, 2, r), num(blk, 3, r) != 0, str(blk, 4, r));
                    if (types != null && !types.values().contains(type)) return;
                    rows.add(catalog, database, table, type, "", null, dbEngine, null, null, null);
                });
        rows.sort(ResultRows.byStrings(3, 0, 1, 2));
        return limited(rows, s);
    }

    /** The driver's CASE over engine names, in its order. */
    static String tableType(String engine, boolean temporary, String dataPath) {
        if (engine.endsWith("Log")) return "LOG TABLE";
        if (engine.equals("Buffer") || engine.equals("Memory") || engine.equals("Set")) return "MEMORY TABLE";
        if (temporary) return "TEMPORARY TABLE";
        if (engine.endsWith("View")) return "VIEW";
        if (engine.equals("Dictionary")) return "DICTIONARY";
        if (engine.startsWith("Async") || engine.startsWith("System")) return "SYSTEM TABLE";
        if (dataPath.isEmpty()) return "REMOTE TABLE";
        return "TABLE";
    }

    // ---- getColumns

    private static BlockCursor columns(SelectShape s, Backend b) {
        Map<String, Predicate> f = filters(s, "database LIKE", "table LIKE", "name LIKE");
        if (f == null) return null;
        SqlLike db = like(f, "database");
        SqlLike table = like(f, "table");
        SqlLike name = like(f, "name");
        String catalog = stringConstant(s, s.items.get(0), "");
        Map<String, Integer> byteLengths = byteLengths(s.items.get(6));
        String where = where(condition("database", db), condition("table", table));
        Map<String, Integer> positions = new HashMap<>();
        ResultRows rows = new ResultRows(COLUMNS);
        b.scan(
                "SELECT database, table, name, type, default_expression, comment FROM system.columns" + where,
                (blk, r) -> {
                    String database = str(blk, 0, r);
                    String tbl = str(blk, 1, r);
                    int position = positions.merge(database + '\0' + tbl, 1, Integer::sum);
                    String column = str(blk, 2, r);
                    if (!db.matches(database) || !table.matches(tbl) || !name.matches(column)) return;
                    String type = str(blk, 3, r);
                    TypeFacts t = TypeFacts.of(type);
                    Integer size = t.charOctetLength() != null
                            ? t.charOctetLength()
                            : byteLengths.containsKey(type)
                                    ? byteLengths.get(type)
                                    : t.numericPrecision() != null ? t.numericPrecision() : Integer.valueOf(0);
                    Integer scale = t.numericScale() == null || t.numericScale() == 0 ? null : t.numericScale();
                    rows.add(
                            catalog,
                            database,
                            tbl,
                            column,
                            jdbcType(type),
                            type,
                            size,
                            0,
                            scale,
                            t.numericRadix(),
                            type.contains("Nullable(") ? 1 : 0,
                            str(blk, 5, r),
                            str(blk, 4, r),
                            0,
                            0,
                            t.charOctetLength(),
                            position,
                            type.toUpperCase(java.util.Locale.ROOT).contains("NULLABLE") ? "YES" : "NO",
                            null,
                            null,
                            null,
                            null,
                            "NO",
                            "NO");
                });
        rows.sort(ResultRows.byStrings(1, 2).thenComparingInt(r -> (Integer) r[16]));
        return limited(rows, s);
    }

    /**
     * The {@code type == 'Name', bytes} pairs of the driver's COLUMN_SIZE multiIf (the byte lengths it knows, sent
     * with the query).
     */
    private static Map<String, Integer> byteLengths(Item item) {
        Map<String, Integer> out = new HashMap<>();
        List<SqlToken> t = item.expr();
        for (int i = 1; i + 2 < t.size(); i++) {
            if (t.get(i).type() == SqlToken.Type.STRING
                    && t.get(i - 1).isPunct('=')
                    && t.get(i + 1).isPunct(',')
                    && t.get(i + 2).type() == SqlToken.Type.NUMBER) {
                try {
                    out.putIfAbsent(
                            t.get(i).text(), Integer.parseInt(t.get(i + 2).text()));
                } catch (NumberFormatException e) {
                    // not a byte length
                }
            }
        }
        return out;
    }

    /** What a current server's system.columns reports beyond the type name. */
    record TypeFacts(Integer charOctetLength, Integer numericPrecision, Integer numericRadix, Integer numericScale) {
        static TypeFacts of(String typeName) {
            DataType t;
            try {
                t = DataType.parse(typeName);
                if (t.is("Nullable") && !t.args().isEmpty()) t = t.inner();
                return switch (t.family()) {
                    case "FixedString" -> new TypeFacts(Integer.parseInt(t.literal(0)), null, null, null);
                    case "Int8", "UInt8", "Bool" -> integer(8);
                    case "Int16", "UInt16" -> integer(16);
                    case "Int32", "UInt32" -> integer(32);
                    case "Int64", "UInt64" -> integer(64);
                    case "Int128", "UInt128" -> integer(128);
                    case "Int256", "UInt256" -> integer(256);
                    case "Decimal" ->
                        decimal(
                                Integer.parseInt(t.literal(0)),
                                t.args().size() > 1 ? Integer.parseInt(t.literal(1)) : 0);
                    case "Decimal32" -> decimal(9, Integer.parseInt(t.literal(0)));
                    case "Decimal64" -> decimal(18, Integer.parseInt(t.literal(0)));
                    case "Decimal128" -> decimal(38, Integer.parseInt(t.literal(0)));
                    case "Decimal256" -> decimal(76, Integer.parseInt(t.literal(0)));
                    default -> new TypeFacts(null, null, null, null);
                };
            } catch (RuntimeException e) {
                return new TypeFacts(null, null, null, null);
            }
        }

        private static TypeFacts integer(int bits) {
            return new TypeFacts(null, bits, 2, 0);
        }

        private static TypeFacts decimal(int precision, int scale) {
            return new TypeFacts(null, precision, 10, scale);
        }
    }

    /**
     * The java.sql.Types number clickhouse-jdbc gives a ClickHouse type: Nullable and LowCardinality looked
     * through, then by family; anything it does not map is OTHER.
     */
    static int jdbcType(String typeName) {
        DataType t;
        try {
            t = DataType.parse(typeName);
        } catch (RuntimeException e) {
            return Types.OTHER;
        }
        while ((t.is("Nullable") || t.is("LowCardinality")) && !t.args().isEmpty()) t = t.inner();
        return switch (t.family()) {
            case "Int8" -> Types.TINYINT;
            case "Int16", "UInt8" -> Types.SMALLINT;
            case "Int32", "UInt16" -> Types.INTEGER;
            case "Int64", "UInt32" -> Types.BIGINT;
            case "Float32" -> Types.FLOAT;
            case "Float64" -> Types.DOUBLE;
            case "Bool" -> Types.BOOLEAN;
            case "Decimal", "Decimal32", "Decimal64", "Decimal128" -> Types.DECIMAL;
            case "String", "FixedString", "Enum", "Enum8", "Enum16" -> Types.VARCHAR;
            case "Date", "Date32" -> Types.DATE;
            case "DateTime", "DateTime32", "DateTime64" -> Types.TIMESTAMP;
            case "Array", "Nested", "Point", "Ring", "Polygon", "LineString", "MultiPolygon", "MultiLineString" ->
                Types.ARRAY;
            case "Map" -> Types.JAVA_OBJECT;
            default -> Types.OTHER;
        };
    }

    // ---- getSchemas

    private static BlockCursor schemas(SelectShape s, Backend b) {
        Map<String, Predicate> f = filters(s, "name LIKE");
        if (f == null) return null;
        SqlLike name = like(f, "name");
        String catalog = stringConstant(s, s.items.get(1), "");
        ResultRows rows = new ResultRows(SCHEMAS);
        b.scan("SELECT name FROM system.databases" + equality("name", name), (blk, r) -> {
            String db = str(blk, 0, r);
            if (name.matches(db)) rows.add(db, catalog);
        });
        rows.sort(ResultRows.byStrings(0));
        return limited(rows, s);
    }

    // ---- getFunctions

    private static BlockCursor functions(SelectShape s, Backend b) {
        Map<String, Predicate> f = filters(s, "name LIKE");
        if (f == null) return null;
        SqlLike name = like(f, "name");
        long functionType = leadingNumber(s.items.get(4), 0);
        ResultRows rows = new ResultRows(FUNCTIONS);
        b.scan("SELECT name FROM system.functions" + equality("name", name), (blk, r) -> {
            String fn = str(blk, 0, r);
            // REMARKS is concat(description, '(', origin, ')'): the old server has neither column; its functions
            // are all built in (origin System) and undescribed
            if (name.matches(fn)) rows.add(null, null, fn, "(System)", functionType, fn);
        });
        rows.sort(ResultRows.byStrings(2));
        return limited(rows, s);
    }

    // ---- getTypeInfo

    private static BlockCursor typeInfo(SelectShape s, Backend b) {
        Map<String, Predicate> f = filters(s, "alias_to =");
        if (f == null) return null;
        String aliasTo = f.containsKey("alias_to") ? f.get("alias_to").values().getFirst() : null;
        // the driver joins its own per-type attributes, sent as VALUES rows (name, max precision, signed, min
        // scale, max scale); a type it does not list gets the join's defaults
        Map<String, List<Object>> attrs = new HashMap<>();
        List<List<Object>> tuples = valuesRows(s, s.from);
        if (tuples != null) {
            for (List<Object> t : tuples) {
                if (t.size() == 5 && t.getFirst() instanceof String n) attrs.putIfAbsent(n, t);
            }
        }
        long searchable = leadingNumber(s.items.get(8), 3);
        ResultRows rows = new ResultRows(TYPE_INFO);
        b.scan("SELECT name, case_insensitive, alias_to FROM system.data_type_families", (blk, r) -> {
            String name = str(blk, 0, r);
            String alias = str(blk, 2, r);
            if (aliasTo != null && !alias.equals(aliasTo)) return;
            List<Object> a = attrs.getOrDefault(name, List.of(name, 0L, false, 0L, 0L));
            rows.add(
                    name,
                    jdbcType(name),
                    number(a.get(1)),
                    null,
                    null,
                    null,
                    name.equals("Nullable") || name.equals("Dynamic") ? 1 : 0,
                    num(blk, 1, r) == 0,
                    searchable,
                    !Boolean.TRUE.equals(a.get(2)),
                    false,
                    false,
                    alias.isEmpty() ? name : alias,
                    number(a.get(3)),
                    number(a.get(4)),
                    0,
                    0,
                    0);
        });
        rows.sort(Comparator.<Object[]>comparingInt(r -> (Integer) r[1]).thenComparing(ResultRows.byStrings(0)));
        return limited(rows, s);
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    // ---- getPrimaryKeys

    private static BlockCursor primaryKeys(SelectShape s, Backend b) {
        Map<String, Predicate> f =
                filters(s, "primary_key <>", "database ILIKE", "name ILIKE", "database LIKE", "name LIKE");
        if (f == null) return null;
        if (f.containsKey("primary_key")
                && !f.get("primary_key").values().getFirst().isEmpty()) return null;
        SqlLike db = like(f, "database");
        SqlLike name = like(f, "name");
        ResultRows rows = new ResultRows(PRIMARY_KEYS);
        b.scan("SELECT database, name, primary_key FROM system.tables" + equality("database", db), (blk, r) -> {
            String database = str(blk, 0, r);
            String table = str(blk, 1, r);
            String key = str(blk, 2, r);
            if (key.isEmpty() || !db.matches(database) || !name.matches(table)) return;
            String[] parts = key.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                rows.add(null, database, table, trimSpaces(parts[i]), i + 1, "PRIMARY");
            }
        });
        rows.sort(ResultRows.byStrings(3));
        return limited(rows, s);
    }

    private static String trimSpaces(String s) {
        int a = 0;
        int e = s.length();
        while (a < e && s.charAt(a) == ' ') a++;
        while (e > a && s.charAt(e - 1) == ' ') e--;
        return s.substring(a, e);
    }

    // ---- getClientInfoProperties

    private static BlockCursor clientInfo(SelectShape s) {
        if (!s.where.isEmpty()) return null;
        List<List<Object>> tuples = valuesRows(s, s.from);
        if (tuples == null || tuples.isEmpty()) return null;
        int width = tuples.getFirst().size();
        List<Integer> source = new ArrayList<>();
        for (Item i : s.items) {
            List<SqlToken> e = i.expr();
            if (e.size() != 1 || e.getFirst().type() != SqlToken.Type.WORD) return null;
            String c = e.getFirst().text();
            if (c.length() < 2 || c.charAt(0) != 'c') return null;
            int at;
            try {
                at = Integer.parseInt(c.substring(1)) - 1;
            } catch (NumberFormatException ex) {
                return null;
            }
            if (at < 0 || at >= width) return null;
            source.add(at);
        }
        List<Col> cols = new ArrayList<>();
        for (int i = 0; i < s.items.size(); i++) {
            int at = source.get(i);
            List<Object> column = new ArrayList<>();
            for (List<Object> t : tuples) {
                if (t.size() != width) return null;
                column.add(t.get(at));
            }
            String type = literalType(column);
            if (type == null) return null;
            cols.add(Col.of(s.items.get(i).alias(), type));
        }
        ResultRows rows = new ResultRows(cols);
        for (List<Object> t : tuples) {
            Object[] row = new Object[source.size()];
            for (int i = 0; i < row.length; i++) row[i] = t.get(source.get(i));
            rows.add(row);
        }
        return limited(rows, s);
    }

    // ---- constant results: getCatalogs, getTableTypes, and the empty LIMIT 0 results

    private static BlockCursor constants(SelectShape s) {
        if (s.items.size() == 1 && "TABLE_TYPE".equals(s.items.getFirst().alias())) return tableTypes(s);
        boolean empty =
                (s.limit != null && s.limit == 0) || (s.where.size() == 1 && falseCondition(s.where.getFirst()));
        if (!empty) return null;
        List<Col> cols = new ArrayList<>();
        for (Item i : s.items) {
            if (i.alias() == null || i.expr().isEmpty()) return null;
            List<SqlToken> e = i.expr();
            int end = literalEnd(e);
            if (end < 0) return null;
            DataType type;
            if (end == e.size()) {
                Object v = literal(s, e.subList(0, end));
                if (v == NO_VALUE) return null;
                type = DataType.parse(v == null ? "Nullable(Nothing)" : literalType(List.of(v)));
            } else if (end + 2 < e.size()
                    && e.get(end).isPunct(':')
                    && e.get(end + 1).isPunct(':')) {
                try {
                    type = DataType.parse(s.text(e.subList(end + 2, e.size())))
                            .rewrite(t -> t.is("Boolean") ? new DataType("Bool", t.args()) : t);
                } catch (RuntimeException ex) {
                    return null;
                }
            } else {
                return null;
            }
            cols.add(new Col(i.alias(), type));
        }
        try {
            return new ResultRows(cols).cursor();
        } catch (RuntimeException unsupportedType) {
            return null;
        }
    }

    private static boolean falseCondition(List<SqlToken> c) {
        return c.size() == 3
                && c.get(0).type() == SqlToken.Type.NUMBER
                && c.get(1).isPunct('=')
                && c.get(2).type() == SqlToken.Type.NUMBER
                && !c.get(0).text().equals(c.get(2).text());
    }

    /** {@code SELECT arrayJoin(['A', 'B', ...]) AS TABLE_TYPE [ORDER BY TABLE_TYPE]}. */
    private static BlockCursor tableTypes(SelectShape s) {
        List<SqlToken> e = s.items.getFirst().expr();
        if (!s.where.isEmpty()
                || e.size() < 5
                || !e.get(0).isWord("arrayJoin")
                || !e.get(1).isPunct('(')
                || !e.get(2).isPunct('[')
                || !e.get(e.size() - 2).isPunct(']')
                || !e.getLast().isPunct(')')) return null;
        ResultRows rows = new ResultRows(List.of(Col.of("TABLE_TYPE", "String")));
        for (int i = 3; i < e.size() - 2; i += 2) {
            if (e.get(i).type() != SqlToken.Type.STRING) return null;
            if (i + 1 < e.size() - 2 && !e.get(i + 1).isPunct(',')) return null;
            rows.add(s.string(e.get(i)));
        }
        if (!s.orderBy.isEmpty()) {
            if (s.orderBy.size() > 2
                    || !s.orderBy.getFirst().isWord("TABLE_TYPE")
                    || (s.orderBy.size() == 2 && !s.orderBy.get(1).isWord("ASC"))) return null;
            rows.sort(ResultRows.byStrings(0));
        }
        return limited(rows, s);
    }

    // ---- literals

    /** The end (exclusive) of a literal at the start of {@code e}: a string, number, NULL, true or false. */
    private static int literalEnd(List<SqlToken> e) {
        SqlToken t = e.getFirst();
        if (t.type() == SqlToken.Type.STRING || t.type() == SqlToken.Type.NUMBER) return 1;
        if (t.isWord("NULL") || t.isWord("true") || t.isWord("false")) return 1;
        if (t.isPunct('-') && e.size() > 1 && e.get(1).type() == SqlToken.Type.NUMBER) return 2;
        return -1;
    }

    /** The value of a literal: String, Long, Double, Boolean, or null for NULL (NO_VALUE when not a literal). */
    private static Object literal(SelectShape s, List<SqlToken> e) {
        SqlToken t = e.getFirst();
        if (e.size() == 2 && t.isPunct('-')) {
            Object v = literal(s, e.subList(1, 2));
            if (v instanceof Long l) return -l;
            if (v instanceof Double d) return -d;
            return NO_VALUE;
        }
        if (e.size() != 1) return NO_VALUE;
        if (t.type() == SqlToken.Type.STRING) return s.string(t);
        if (t.isWord("NULL")) return null;
        if (t.isWord("true")) return Boolean.TRUE;
        if (t.isWord("false")) return Boolean.FALSE;
        if (t.type() == SqlToken.Type.NUMBER) {
            try {
                return Long.parseLong(t.text());
            } catch (NumberFormatException e1) {
                try {
                    return Double.parseDouble(t.text());
                } catch (NumberFormatException e2) {
                    return NO_VALUE;
                }
            }
        }
        return NO_VALUE;
    }

    private static final Object NO_VALUE = new Object();

    /** The common type of literal values (all strings, all integers, all booleans), or null. */
    private static String literalType(List<Object> values) {
        if (values.stream().allMatch(v -> v instanceof String)) return "String";
        if (values.stream().allMatch(v -> v instanceof Boolean)) return "Bool";
        if (values.stream().allMatch(v -> v instanceof Double)) return "Float64";
        if (!values.stream().allMatch(v -> v instanceof Long)) return null;
        long min = 0;
        long max = 0;
        for (Object v : values) {
            min = Math.min(min, (Long) v);
            max = Math.max(max, (Long) v);
        }
        if (min >= 0) {
            if (max <= 0xFF) return "UInt8";
            if (max <= 0xFFFF) return "UInt16";
            if (max <= 0xFFFFFFFFL) return "UInt32";
            return "UInt64";
        }
        if (min >= Byte.MIN_VALUE && max <= Byte.MAX_VALUE) return "Int8";
        if (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) return "Int16";
        if (min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) return "Int32";
        return "Int64";
    }

    /**
     * The rows of the first {@code VALUES ( (..), (..) )} in a token run, as literal values; null when there is
     * none or a value is not a literal.
     */
    private static List<List<Object>> valuesRows(SelectShape s, List<SqlToken> run) {
        int at = -1;
        for (int i = 0; i < run.size(); i++) {
            if (run.get(i).isWord("VALUES")
                    && i + 1 < run.size()
                    && run.get(i + 1).isPunct('(')) {
                at = i + 2;
                break;
            }
        }
        if (at < 0) return null;
        List<List<Object>> out = new ArrayList<>();
        int i = at;
        while (i < run.size() && run.get(i).isPunct('(')) {
            List<Object> tuple = new ArrayList<>();
            i++;
            while (true) {
                if (i >= run.size()) return null;
                int start = i;
                if (run.get(i).isPunct('-')) i++;
                if (i >= run.size()) return null;
                Object v = literal(s, run.subList(start, i + 1));
                if (v == NO_VALUE || v == null) return null;
                tuple.add(v);
                i++;
                if (i < run.size() && run.get(i).isPunct(',')) {
                    i++;
                } else if (i < run.size() && run.get(i).isPunct(')')) {
                    i++;
                    break;
                } else {
                    return null;
                }
            }
            out.add(tuple);
            if (i < run.size() && run.get(i).isPunct(',')) i++;
        }
        if (i >= run.size() || !run.get(i).isPunct(')')) return null;
        return out;
    }

    private static String stringConstant(SelectShape s, Item item, String otherwise) {
        List<SqlToken> e = item.expr();
        return e.size() == 1 && e.getFirst().type() == SqlToken.Type.STRING ? s.string(e.getFirst()) : otherwise;
    }

    private static long leadingNumber(Item item, long otherwise) {
        List<SqlToken> e = item.expr();
        if (!e.isEmpty() && e.getFirst().type() == SqlToken.Type.NUMBER) {
            try {
                return Long.parseLong(e.getFirst().text());
            } catch (NumberFormatException ignored) {
                return otherwise;
            }
        }
        return otherwise;
    }

    // ---- filters

    /**
     * The WHERE conjuncts as predicates by column, each of the allowed {@code "column OP"} forms; null when a
     * conjunct has another form or a column is constrained twice.
     */
    private static Map<String, Predicate> filters(SelectShape s, String... allowed) {
        Map<String, Predicate> out = new LinkedHashMap<>();
        List<String> ok = List.of(allowed);
        for (List<SqlToken> c : s.where) {
            Predicate p = s.predicate(c);
            if (p == null || !ok.contains(p.column() + " " + p.op())) return null;
            if (out.putIfAbsent(p.column(), p) != null) return null;
        }
        return out;
    }

    private static SqlLike like(Map<String, Predicate> f, String column) {
        Predicate p = f.get(column);
        return p == null ? SqlLike.all() : SqlLike.of(p.values().getFirst(), p.op().equals("ILIKE"));
    }

    /** {@code WHERE column = 'v'} for the backing server when the pattern matches one value only, else "". */
    private static String equality(String column, SqlLike pattern) {
        return where(condition(column, pattern));
    }

    /** {@code column = 'v'} when the pattern matches one value only, else null. */
    private static String condition(String column, SqlLike pattern) {
        String v = pattern.literal();
        return v == null ? null : column + " = " + quote(v);
    }

    private static String where(String... conditions) {
        StringBuilder sb = new StringBuilder();
        for (String c : conditions) {
            if (c == null) continue;
            sb.append(sb.isEmpty() ? " WHERE " : " AND ").append(c);
        }
        return sb.toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\'') sb.append('\\');
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    private static BlockCursor limited(ResultRows rows, SelectShape s) {
        if (s.limit != null) rows.limit(s.limit);
        return rows.cursor();
    }

    // ---- the backing server

    private static String str(Block b, int col, int row) {
        Column c = b.column(col);
        if (c instanceof BytesColumn s) return s.getString(row);
        if (c instanceof LongColumn l) return Long.toString(l.get(row));
        throw new IllegalStateException("unexpected column " + b.name(col) + " of " + c.type());
    }

    private static long num(Block b, int col, int row) {
        Column c = b.column(col);
        if (c instanceof LongColumn l) return l.get(row);
        throw new IllegalStateException("unexpected column " + b.name(col) + " of " + c.type());
    }

    /** Plain queries on the backing server's system tables, each under its own query id. */
    private record Backend(UpstreamExecutor upstream, QueryContext ctx) {
        void scan(String sql, BiConsumer<Block, Integer> row) {
            QueryContext own = new QueryContext(
                    ctx.user(), ctx.database(), UUID.randomUUID().toString(), ctx.settings(), Map.of(), ctx.readonly());
            try (BlockCursor c = upstream.query(own, sql)) {
                for (Block b = c.next(); b != null; b = c.next()) {
                    for (int r = 0; r < b.rows(); r++) row.accept(b, r);
                }
            }
        }
    }
}
