package io.proxist.pxctl;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pxctl wal status|replay|purge}. */
@Command(
        name = "wal",
        mixinStandardHelpOptions = true,
        description = "The write-ahead log: its status, a dry replay that verifies it, and purging old segments.",
        subcommands = {WalCommand.Status.class, WalCommand.Replay.class, WalCommand.Purge.class})
final class WalCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("pxctl wal: status, replay or purge?");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Segments, positions, and what keeps old segments (unconfirmed rows, the oldest snapshot).")
    static final class Status extends AdminCommand {
        @Override
        public Integer call() {
            AdminClient.Answer a = client().get("/admin/wal").orFail();
            if (printedJson(a)) return ExitCode.OK;
            Map<String, Object> w = a.json();
            out().println("WAL " + Json.str(w.get("dir")) + ": " + Format.bytes(Json.num(w.get("bytes"))) + " of "
                    + Format.bytes(Json.num(w.get("budget_bytes"))) + ", positions " + Json.str(w.get("first_position"))
                    + " .. " + Json.str(w.get("end_position")) + " (synced to " + Json.str(w.get("synced_position"))
                    + "), purgeable below " + Json.str(w.get("purge_bound"))
                    + (Boolean.TRUE.equals(w.get("failed")) ? ", FAILED" : ""));
            Format.Table t = new Format.Table("SEGMENT", "BASE", "BYTES", "AGE");
            for (Object o : Json.list(w.get("segment_files"))) {
                Map<String, Object> s = Json.obj(o);
                t.row(
                        Json.str(s.get("file")),
                        Json.str(s.get("base_position")),
                        Format.bytes(Json.num(s.get("bytes"))),
                        Format.seconds(s.get("age_seconds")));
            }
            out().print(t);
            Map<String, Object> held = Json.obj(w.get("held_by"));
            for (Object o : Json.list(held.get("tables"))) {
                Map<String, Object> h = Json.obj(o);
                out().println("  " + Json.str(h.get("table")) + ": confirmed to "
                        + Json.str(h.get("confirmed_position")) + ", " + Format.count(h.get("pending_rows"))
                        + " rows not yet in ClickHouse");
            }
            if (Boolean.TRUE.equals(held.get("snapshots"))) {
                Object oldest = held.get("oldest_snapshot_position");
                out().println(
                                oldest == null
                                        ? "  no snapshot yet: every segment is kept until one is written"
                                        : "  oldest snapshot at " + oldest + ": segments are kept from it on");
            }
            out().flush();
            return ExitCode.OK;
        }
    }

    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = {
                "Verify the WAL: re-read and decode every record, report per table (changes nothing).",
                "Re-read and decode every WAL record and report what it holds per table (a dry "
                        + "verification: nothing is applied). Exits 1 when a record does not verify."
            })
    static final class Replay extends AdminCommand {
        @Override
        public Integer call() {
            AdminClient.Answer a = client().post("/admin/wal/replay", "").orFail();
            Map<String, Object> r = a.json();
            if (!printedJson(a)) {
                out().println("replayed " + Format.count(r.get("records")) + " records, positions "
                        + Json.str(r.get("from_position")) + " .. " + Json.str(r.get("to_position")) + " in "
                        + Json.str(r.get("took_ms")) + " ms");
                Format.Table t = new Format.Table(
                        "TABLE", "RECORDS", "ROWS", "BYTES", "TS FROM", "TS TO", "UNCONFIRMED ROWS", "PENDING ROWS");
                for (Object o : Json.list(r.get("tables"))) {
                    Map<String, Object> x = Json.obj(o);
                    t.row(
                            Json.str(x.get("table")),
                            Format.count(x.get("records")),
                            Format.count(x.get("rows")),
                            Format.bytes(Json.num(x.get("bytes"))),
                            Json.str(x.get("ts_min")),
                            Json.str(x.get("ts_max")),
                            Format.count(x.get("unconfirmed_rows")),
                            Format.count(x.get("pending_rows")));
                }
                out().print(t);
                for (Object o : Json.list(r.get("tables_not_owned"))) {
                    Map<String, Object> x = Json.obj(o);
                    out().println("records of a table not owned now: " + Json.str(x.get("table")) + ", "
                            + Format.count(x.get("records")) + " records");
                }
                out().flush();
            }
            if (!Boolean.TRUE.equals(r.get("ok"))) {
                throw new PxctlException(ExitCode.FAILED, "the WAL does not verify: " + Json.str(r.get("error")));
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "purge",
            mixinStandardHelpOptions = true,
            description = {
                "Delete WAL segments ClickHouse and the snapshots no longer need (--force: more).",
                "Delete WAL segments wholly below what every table has persisted in ClickHouse and every "
                        + "kept snapshot covers (what maintenance does each second anyway). With --force, every "
                        + "segment but the active one: the rows ClickHouse has not confirmed yet are then listed, "
                        + "table by table: they are still sent from memory, but lost if Proxist stops before that."
            })
    static final class Purge extends AdminCommand {
        @Option(names = "--force", description = "Also delete segments holding unpersisted or unsnapshotted records.")
        boolean force;

        @Override
        public Integer call() {
            AdminClient.Answer a = client().post("/admin/wal/purge" + (force ? "?force=true" : ""), "")
                    .orFail();
            if (printedJson(a)) return ExitCode.OK;
            Map<String, Object> r = a.json();
            out().println("deleted " + Json.str(r.get("deleted_segments")) + " segments ("
                    + Format.bytes(Json.num(r.get("freed_bytes"))) + "), the WAL now starts at "
                    + Json.str(r.get("first_position_after")) + " (safe bound " + Json.str(r.get("safe_bound")) + ")");
            if (!force) {
                for (Object o : Json.list(Json.obj(r.get("held_by")).get("tables"))) {
                    Map<String, Object> h = Json.obj(o);
                    if (Json.num(h.get("pending_rows")) > 0) {
                        out().println("  kept for " + Json.str(h.get("table")) + ": "
                                + Format.count(h.get("pending_rows")) + " rows not yet in ClickHouse");
                    }
                }
            } else {
                List<Object> lost = Json.list(r.get("unpersisted"));
                if (lost.isEmpty()) out().println("no record ClickHouse had not confirmed was deleted");
                for (Object o : lost) {
                    Map<String, Object> l = Json.obj(o);
                    out().println("  NOT IN CLICKHOUSE YET, no longer in the WAL: " + Json.str(l.get("table")) + ", "
                            + Format.count(l.get("records")) + " records, " + Format.count(l.get("rows"))
                            + " rows, positions " + Json.str(l.get("first_position")) + " .. "
                            + Json.str(l.get("last_position")) + ", ts " + Json.str(l.get("ts_min")) + " .. "
                            + Json.str(l.get("ts_max")));
                }
                for (Object o : Json.list(r.get("persisted_not_in_snapshot"))) {
                    Map<String, Object> l = Json.obj(o);
                    out().println("  in ClickHouse but in no snapshot (not restorable into memory): "
                            + Json.str(l.get("table")) + ", " + Format.count(l.get("rows")) + " rows");
                }
                if (!lost.isEmpty()) out().println(Json.str(r.get("note")));
            }
            out().flush();
            return ExitCode.OK;
        }
    }
}
