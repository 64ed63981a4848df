package io.proxist.schemas;

import io.proxist.chclient.Capabilities;
import io.proxist.chclient.ClickHouseHttp;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.error.UpstreamException;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the catalog's DDL to a ClickHouse database, lowered to the server's capabilities, and records each
 * applied file (name, checksum, the statement run) in {@value #MIGRATIONS_TABLE}. Idempotent: a file already
 * recorded with the same checksum is skipped; one recorded with another checksum is an error (write a new file
 * instead of editing an applied one). After creating a table it checks that the columns ClickHouse reports are
 * the lowered schema's.
 */
public final class Migrator {
    public static final String MIGRATIONS_TABLE = "proxist_migrations";
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final ClickHouseHttp ch;
    private final Capabilities caps;
    private final String database;
    private final int marketDataDays;
    private final int auditDays;

    public Migrator(ClickHouseHttp ch, Capabilities caps, String database, int marketDataDays, int auditDays) {
        this.ch = ch;
        this.caps = caps;
        this.database = database;
        this.marketDataDays = marketDataDays;
        this.auditDays = auditDays;
    }

    /** What one run did. */
    public record Result(List<String> applied, List<String> skipped) {}

    public Result migrate(SchemaCatalog catalog) {
        String db = DdlRenderer.quoteIdentifier(database);
        ch.query("CREATE DATABASE IF NOT EXISTS " + db);
        ch.query("CREATE TABLE IF NOT EXISTS " + db + "." + MIGRATIONS_TABLE
                + " (name String, checksum String, table_name String, statement String, applied_at DateTime,"
                + " server_version String) ENGINE = MergeTree ORDER BY name");
        Map<String, String> recorded = new HashMap<>();
        for (String line : ch.query("SELECT name, checksum FROM " + db + "." + MIGRATIONS_TABLE)
                .split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 2) recorded.put(f[0], f[1]);
        }
        List<String> applied = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (DdlFile file : catalog.files()) {
            String previous = recorded.get(file.name());
            if (previous != null) {
                if (!previous.equals(file.checksum())) {
                    throw new ProxistException(
                            ErrorCode.BAD_ARGUMENTS,
                            "DDL file changed after it was applied [file=" + file.name() + ", database=" + database
                                    + "]: add a new migration file instead of editing an applied one");
                }
                skipped.add(file.name());
                continue;
            }
            TableSchema physical = physical(file.table());
            String statement = DdlRenderer.createTable(database, physical);
            try {
                ch.query(statement);
            } catch (UpstreamException e) {
                throw new ProxistException(
                        ErrorCode.BAD_ARGUMENTS,
                        "migration failed [file=" + file.name() + "]: ClickHouse said: Code: " + e.codeNumber() + ". "
                                + e.getMessage() + "\nstatement:\n" + statement,
                        e);
            }
            verifyColumns(file.name(), physical);
            ch.query("INSERT INTO " + db + "." + MIGRATIONS_TABLE + " VALUES (" + literal(file.name()) + ", "
                    + literal(file.checksum()) + ", " + literal(physical.name()) + ", " + literal(statement)
                    + ", now(), " + literal(caps.version().toString()) + ")");
            LOG.info("applied migration [file={}, table={}.{}]", file.name(), database, physical.name());
            applied.add(file.name());
        }
        return new Result(applied, skipped);
    }

    /** The table as this server stores it: retention applied, then lowered. */
    public TableSchema physical(TableSchema logical) {
        return Lowering.lower(SchemaCatalog.withRetention(logical, marketDataDays, auditDays), caps);
    }

    private void verifyColumns(String file, TableSchema expected) {
        String rows = ch.query("SELECT name, type FROM system.columns WHERE database = " + literal(database)
                + " AND table = " + literal(expected.name()));
        List<String> actual = new ArrayList<>();
        for (String line : rows.split("\n")) {
            if (!line.isEmpty()) actual.add(unescapeTsv(line));
        }
        List<String> want = new ArrayList<>();
        for (ColumnDef c : expected.columns()) want.add(c.name() + "\t" + c.type());
        if (!actual.equals(want)) {
            throw new ProxistException(
                    ErrorCode.BAD_ARGUMENTS,
                    "table does not match its schema after migration [file=" + file + ", table=" + database + "."
                            + expected.name() + "]: ClickHouse has " + actual + ", the schema says " + want);
        }
    }

    private static String unescapeTsv(String s) {
        return s.replace("\\'", "'").replace("\\\\", "\\");
    }

    static String literal(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
