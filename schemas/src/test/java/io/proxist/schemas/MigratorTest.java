package io.proxist.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations against the real ClickHouse server of the test JVM. */
@WithClickHouse
class MigratorTest {

    @Test
    void appliesEveryTableThenIsANoOp(TestClickHouse ch) {
        String db = ch.database() + "_all";
        SchemaCatalog catalog = SchemaCatalog.builtin();
        Migrator migrator = new Migrator(ch.client(), ch.capabilities(), db, 90, 2557);
        try {
            Migrator.Result first = migrator.migrate(catalog);
            assertEquals(catalog.files().size(), first.applied().size());
            for (TableSchema logical : catalog.tables()) {
                TableSchema physical = migrator.physical(logical);
                List<String> want = new ArrayList<>();
                for (ColumnDef c : physical.columns()) want.add(c.name() + "\t" + c.type());
                String rows = ch.client()
                        .query("SELECT name, type FROM system.columns WHERE database = '" + db + "' AND table = '"
                                + logical.name() + "'");
                assertEquals(want, List.of(rows.replace("\\'", "'").split("\n")), logical.name());
                String comments = ch.client()
                        .query("SELECT comment FROM system.columns WHERE database = '" + db + "' AND table = '"
                                + logical.name() + "' AND comment = ''");
                assertEquals("", comments, "every column keeps its comment: " + logical.name());
            }
            String before = ch.client()
                    .query("SELECT name, metadata_modification_time FROM system.tables WHERE database = '" + db
                            + "' ORDER BY name");
            String recorded = ch.client().query("SELECT count() FROM " + db + ".proxist_migrations");

            Migrator.Result second = migrator.migrate(catalog);
            assertEquals(List.of(), second.applied());
            assertEquals(catalog.files().size(), second.skipped().size());
            assertEquals(
                    before,
                    ch.client()
                            .query("SELECT name, metadata_modification_time FROM system.tables WHERE database = '" + db
                                    + "' ORDER BY name"));
            assertEquals(recorded, ch.client().query("SELECT count() FROM " + db + ".proxist_migrations"));
        } finally {
            ch.client().query("DROP DATABASE IF EXISTS " + db);
        }
    }

    @Test
    void loweredTablesTakeRowsInTheirPhysicalForm(TestClickHouse ch) {
        new Migrator(ch.client(), ch.capabilities(), ch.database(), 90, 2557).migrate(SchemaCatalog.builtin());
        String tsType = ch.query("SELECT type FROM system.columns WHERE database = '" + ch.database()
                        + "' AND table = 'trades' AND name = 'ts'")
                .strip();
        String ts = tsType.equals("Int64")
                ? "1700000000123456789"
                : "toDateTime64('2023-11-14 22:13:20.123456789', 9, 'UTC')";
        ch.query("INSERT INTO trades (symbol, ts, seq, price, size, version) VALUES ('AAPL', " + ts
                + ", 1, 189.5, 100, 1)");
        assertEquals("AAPL\t189.5\n", ch.query("SELECT symbol, price FROM trades"));
        assertEquals(
                "20231114\n",
                ch.query("SELECT partition_id FROM system.parts WHERE database = '" + ch.database()
                        + "' AND table = 'trades' AND active"),
                "partitioned by the UTC date of ts");
    }

    @Test
    void ddlTheServerRejectsNamesTheFileAndTheStatement(TestClickHouse ch, @TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("001_bad.sql"),
                "CREATE TABLE IF NOT EXISTS bad (x NoSuchType COMMENT 'x') ENGINE = MergeTree ORDER BY x");
        Migrator m = new Migrator(ch.client(), ch.capabilities(), ch.database(), 90, 2557);
        ProxistException e = assertThrows(ProxistException.class, () -> m.migrate(SchemaCatalog.fromDirectory(dir)));
        assertTrue(e.getMessage().contains("[file=001_bad.sql]"), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchType"), e.getMessage());
        assertTrue(e.getMessage().contains("CREATE TABLE IF NOT EXISTS " + ch.database() + ".bad"), e.getMessage());
    }

    @Test
    void anAppliedFileThatChangedIsRefused(TestClickHouse ch, @TempDir Path dir) throws IOException {
        String db = ch.database() + "_changed";
        Path file = dir.resolve("001_t.sql");
        Files.writeString(file, "CREATE TABLE IF NOT EXISTS t (x UInt8 COMMENT 'x') ENGINE = MergeTree ORDER BY x");
        Migrator m = new Migrator(ch.client(), ch.capabilities(), db, 90, 2557);
        try {
            m.migrate(SchemaCatalog.fromDirectory(dir));
            Files.writeString(
                    file, "CREATE TABLE IF NOT EXISTS t (x UInt16 COMMENT 'x') ENGINE = MergeTree ORDER BY x");
            ProxistException e =
                    assertThrows(ProxistException.class, () -> m.migrate(SchemaCatalog.fromDirectory(dir)));
            assertTrue(e.getMessage().contains("changed after it was applied [file=001_t.sql"), e.getMessage());
        } finally {
            ch.client().query("DROP DATABASE IF EXISTS " + db);
        }
    }
}
