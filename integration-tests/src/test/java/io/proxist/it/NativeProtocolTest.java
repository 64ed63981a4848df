package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.type.DataType;
import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Proxist's native protocol server with the real ClickHouse behind it: recorded client streams replayed whole, byte
 * by byte and split at random points; bad input of every kind the issue lists; a seeded mutation fuzzer over the
 * recorded streams. After each bad connection the server must still serve others, and nothing may leak (Netty's
 * paranoid leak detection is on in the test JVM).
 */
@WithClickHouse
class NativeProtocolTest {
    static final Path GOLDEN =
            Path.of("..", "protocol-server", "src", "test", "resources", "io", "proxist", "protocol", "tcp", "golden");
    static ProxistServer proxist;
    static TestClickHouse clickhouse;

    @BeforeAll
    static void start(TestClickHouse ch) {
        clickhouse = ch;
        proxist = ProxistUnderTest.start(ch, Map.of());
    }

    @AfterAll
    static void stop() {
        if (proxist != null) proxist.close();
    }

    static void recreateGoldenTable() {
        clickhouse.query("DROP TABLE IF EXISTS default.golden_trades");
        clickhouse.query("CREATE TABLE default.golden_trades (id Int32, sym String, px Float64, ts DateTime,"
                + " tags Array(String), note Nullable(String)) ENGINE = MergeTree ORDER BY id");
    }

    static long goldenRows() {
        return Long.parseLong(
                clickhouse.query("SELECT count() FROM default.golden_trades").strip());
    }

    NativeWireClient connect() throws IOException {
        return new NativeWireClient(proxist.host(), proxist.nativePort());
    }

    /** A fresh connection still gets its SELECT answered. */
    void assertServes() throws IOException {
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            List<NativeWireClient.Packet> r = c.query("SELECT 41 + 1", true);
            long value = -1;
            for (NativeWireClient.Packet p : r) {
                if (p.type() == 1 && p.block().rows() == 1) {
                    value = ((io.proxist.core.block.LongColumn) p.block().column(0)).values()[0];
                }
            }
            assertEquals(42, value, "a fresh connection is served: " + r);
            assertEquals(5, r.getLast().type(), "ends with EndOfStream");
        }
    }

    record Outcome(int endOfStreams, List<Integer> exceptionCodes, long dataRows, boolean closed) {}

    /**
     * Sends a recorded client stream in pieces, closes the sending side, and reads every server packet until the
     * server closes the connection.
     */
    Outcome replay(byte[] stream, int revision, boolean compressed, int[] pieces) throws IOException {
        try (NativeWireClient c = connect()) {
            c.revision = revision;
            c.compression = compressed;
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    int pos = 0;
                    for (int len : pieces) {
                        if (pos >= stream.length) break;
                        int n = Math.min(len, stream.length - pos);
                        c.sendRaw(java.util.Arrays.copyOfRange(stream, pos, pos + n));
                        pos += n;
                    }
                    if (pos < stream.length) c.sendRaw(java.util.Arrays.copyOfRange(stream, pos, stream.length));
                    c.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // the server's Hello: name, version, revision, timezone, display name, patch (as the revision says)
            assertEquals(0, c.readVarUIntForTest());
            c.readString();
            c.readVarUIntForTest();
            c.readVarUIntForTest();
            assertEquals(54460, c.readVarUIntForTest());
            c.readString();
            c.readString();
            c.readVarUIntForTest();
            int eos = 0;
            long rows = 0;
            List<Integer> codes = new ArrayList<>();
            while (!c.closedByServer()) {
                NativeWireClient.Packet p = c.readPacket();
                switch (p.type()) {
                    case 5 -> eos++;
                    case 2 -> codes.add(p.code());
                    case 1 -> rows += p.block().rows();
                    default -> {}
                }
            }
            joinQuietly(writer);
            return new Outcome(eos, codes, rows, true);
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest(name = "{0} {4}")
    @CsvSource({
        "cli-select, 54412, true, '1,0,5,0', whole",
        "cli-select, 54412, true, '1,0,5,0', bytes",
        "cli-select, 54412, true, '1,0,5,0', random",
        "cli-insert-csv, 54412, true, '1,0,0,2', whole",
        "cli-insert-csv, 54412, true, '1,0,0,2', bytes",
        "cli-insert-csv, 54412, true, '1,0,0,2', random",
        "cli-error, 54412, true, '0,60,0,0', whole",
        "cli-error, 54412, true, '0,60,0,0', bytes",
        "py-select-insert, 54453, false, '3,0,2,3000', whole",
        "py-select-insert, 54453, false, '3,0,2,3000', random",
        "py-select-insert, 54453, false, '3,0,2,3000', bytes",
        "py-insert-error, 54453, false, '0,16,0,0', whole",
        "py-insert-error, 54453, false, '0,16,0,0', bytes",
    })
    void recordedClientStreamsReplay(String name, int revision, boolean compressed, String expect, String mode)
            throws IOException {
        recreateGoldenTable();
        byte[] stream = Files.readAllBytes(GOLDEN.resolve(name + ".c2s"));
        String[] e = expect.split(",");
        long seed = System.nanoTime();
        int[] pieces =
                switch (mode) {
                    case "whole" -> new int[] {stream.length};
                    case "bytes" -> {
                        int[] ones = new int[stream.length];
                        java.util.Arrays.fill(ones, 1);
                        yield ones;
                    }
                    default -> {
                        Random rnd = new Random(seed);
                        int[] p = new int[2 + rnd.nextInt(20)];
                        for (int i = 0; i < p.length; i++) p[i] = 1 + rnd.nextInt(Math.max(1, stream.length / 4));
                        yield p;
                    }
                };
        Outcome o = replay(stream, revision, compressed, pieces);
        String where = name + " (" + mode + ", seed " + seed + "): " + o;
        assertEquals(Integer.parseInt(e[0]), o.endOfStreams(), "EndOfStream packets, " + where);
        int code = Integer.parseInt(e[1]);
        assertEquals(code == 0 ? List.of() : List.of(code), o.exceptionCodes(), "exceptions, " + where);
        if (name.startsWith("cli-select")) assertEquals(5, o.dataRows(), where);
        assertEquals(Long.parseLong(e[3]), goldenRows(), "rows in the table after the replay, " + where);
    }

    @Test
    void unknownPacketGetsExceptionAndCloseOthersServed() throws IOException {
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            c.sendRaw(new byte[] {0x77});
            NativeWireClient.Packet p = c.readPacket();
            assertEquals(2, p.type());
            assertEquals(99, p.code(), p.message()); // UNKNOWN_PACKET_FROM_CLIENT
            assertTrue(c.closedByServer());
        }
        assertServes();
    }

    @Test
    void truncatedPacketClosesQuietly() throws IOException {
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            ByteBuf q = c.queryPacket("SELECT 1", false, List.of());
            byte[] half = new byte[q.readableBytes() / 2];
            q.readBytes(half);
            q.release();
            c.sendRaw(half);
            c.shutdownOutput();
            assertTrue(c.closedByServer(), "the server closes a connection whose client stopped mid-packet");
        }
        assertServes();
    }

    @Test
    void oversizeStringIsRefusedBeforeAllocating() throws IOException {
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            ByteBuf b = Unpooled.buffer();
            NativeWireClient.varUInt(b, 1); // Query
            NativeWireClient.varUInt(b, 1L << 40); // a query id of a terabyte
            c.send(b);
            NativeWireClient.Packet p = c.readPacket();
            assertEquals(131, p.code(), p.message());
            assertTrue(c.closedByServer());
        }
        assertServes();
    }

    @Test
    void oversizeBlockIsRefused() throws IOException {
        recreateGoldenTable();
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            c.sendQuery("INSERT INTO default.golden_trades (id) VALUES", false);
            NativeWireClient.Packet header = c.readPacket();
            assertEquals(1, header.type(), "the INSERT header block");
            assertEquals(List.of("id"), header.block().names());
            ByteBuf b = Unpooled.buffer();
            NativeWireClient.varUInt(b, 2);
            NativeWireClient.string(b, "");
            b.writeBytes(new byte[] {1, 0, 2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0});
            NativeWireClient.varUInt(b, 1);
            NativeWireClient.varUInt(b, 1L << 40); // rows
            c.send(b);
            NativeWireClient.Packet p = c.readPacket();
            assertEquals(2, p.type(), "an Exception for a block of 2^40 rows");
            assertTrue(c.closedByServer());
        }
        assertEquals(0, goldenRows(), "nothing of the refused INSERT was applied");
        assertServes();
    }

    @Test
    void badChecksumIsRefused() throws IOException {
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            ByteBuf q = c.queryPacket("SELECT 1", true, List.of());
            ByteBuf d = c.dataPacket(null);
            int checksumAt = d.readerIndex() + 2; // packet id, empty table name, then the frame's checksum
            d.setByte(checksumAt, d.getByte(checksumAt) ^ 0x5A);
            q.writeBytes(d);
            d.release();
            c.send(q);
            NativeWireClient.Packet p = c.readPacket();
            assertEquals(40, p.code(), p.message()); // CHECKSUM_DOESNT_MATCH
            assertTrue(c.closedByServer());
        }
        assertServes();
    }

    @Test
    void revisionsFromTheFarFutureAndThePast() throws IOException {
        try (NativeWireClient c = connect()) {
            c.hello(99_999, "default", "", "");
            assertEquals(54460, c.serverRevision);
            assertEquals(54460, c.revision, "the connection uses min(client, 54460)");
            assertEquals(5, c.query("SELECT 1", false).getLast().type());
        }
        try (NativeWireClient c = connect()) {
            NativeWireClient.Packet p = c.hello(1, "default", "", "");
            assertEquals(2, p.type(), "an Exception for revision 1");
            assertTrue(c.closedByServer());
        }
        assertServes();
    }

    @Test
    void garbageAfterHandshakeAndHttpOnTheTcpPort() throws IOException {
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            byte[] junk = new byte[256];
            new Random(7).nextBytes(junk);
            junk[0] = 0x55; // not a packet id
            c.sendRaw(junk);
            NativeWireClient.Packet p = c.readPacket();
            assertEquals(2, p.type());
            assertTrue(c.closedByServer());
        }
        try (Socket s = new Socket(proxist.host(), proxist.nativePort())) {
            s.setSoTimeout(30_000);
            OutputStream o = s.getOutputStream();
            o.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.0 400 Bad Request\r\n"), answer);
            assertTrue(answer.contains("You must use port " + proxist.httpPort() + " for HTTP."), answer);
        }
        assertServes();
    }

    @Test
    void wrongPasswordGetsAuthenticationFailed() throws IOException {
        try (NativeWireClient c = connect()) {
            NativeWireClient.Packet p = c.hello(NativeWireClient.REVISION, "default", "not-the-password", "");
            assertEquals(2, p.type());
            assertEquals(516, p.code(), p.message());
            assertTrue(c.closedByServer());
        }
        assertServes();
    }

    @Test
    void errorsInAQueryKeepTheConnection() throws IOException {
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            assertEquals(
                    60,
                    c.query("SELECT * FROM default.no_such_table_here", true)
                            .getLast()
                            .code());
            assertEquals(62, c.query("SELEC 1", false).getLast().code());
            assertEquals(
                    115,
                    c.query("SET no_such_setting_at_all = 1", false).getLast().code());
            List<NativeWireClient.Packet> ok = c.query("SELECT 1", true);
            assertEquals(5, ok.getLast().type(), "the same connection still answers: " + ok);
        }
    }

    /**
     * WITH TOTALS and extremes=1: a Totals packet (7) and an Extremes packet (8), blocks of the header's columns, after
     * the data and before ProfileInfo (6), as TCPHandler::processOrdinaryQuery sends them; compressed like the data.
     */
    @ParameterizedTest
    @CsvSource({"true", "false"})
    void totalsAndExtremesArePacketsAfterTheData(boolean compress) throws IOException {
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            String sql = "SELECT number % 3 AS k, count() AS c FROM (SELECT number FROM system.numbers LIMIT 10)"
                    + " GROUP BY k WITH TOTALS ORDER BY k";
            List<NativeWireClient.Packet> r = c.query(sql, compress);
            assertEquals(5, r.getLast().type(), r.toString());
            assertEquals(List.of(1, 1, 7, 6), kinds(r), r.toString());
            NativeWireClient.Packet totals =
                    r.stream().filter(p -> p.type() == 7).findFirst().orElseThrow();
            assertEquals(List.of("k", "c"), totals.block().names());
            assertEquals(1, totals.block().rows());
            assertEquals(10, ((io.proxist.core.block.LongColumn) totals.block().column(1)).values()[0]);

            c.sendQuery("SET extremes = 1", compress);
            assertEquals(5, c.readUntilEnd().getLast().type());
            r = c.query(sql, compress);
            assertEquals(List.of(1, 1, 7, 8, 6), kinds(r), r.toString());
            NativeWireClient.Packet extremes =
                    r.stream().filter(p -> p.type() == 8).findFirst().orElseThrow();
            assertEquals(2, extremes.block().rows());
            long[] counts = ((io.proxist.core.block.LongColumn) extremes.block().column(1)).values();
            assertEquals(3, counts[0], "min");
            assertEquals(4, counts[1], "max");

            // extremes without totals, and a query with neither on the same connection after it
            assertEquals(List.of(1, 1, 8, 6), kinds(c.query("SELECT 1 AS x", compress)));
            c.sendQuery("SET extremes = 0", compress);
            assertEquals(5, c.readUntilEnd().getLast().type());
            assertEquals(List.of(1, 1, 6), kinds(c.query("SELECT 1 AS x", compress)));
        }
    }

    /** The Data (with rows or the header), Totals, Extremes and ProfileInfo packets in order, without the closing empty Data. */
    static List<Integer> kinds(List<NativeWireClient.Packet> packets) {
        List<Integer> out = new ArrayList<>();
        boolean profiled = false;
        for (NativeWireClient.Packet p : packets) {
            if (p.type() == 6) profiled = true;
            if (p.type() == 6 || p.type() == 7 || p.type() == 8 || (p.type() == 1 && !profiled)) out.add(p.type());
        }
        return out;
    }

    @Test
    void insertWithBlocksIsAllOrNothing() throws IOException {
        recreateGoldenTable();
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            c.sendQuery("INSERT INTO default.golden_trades (id, sym) VALUES", true);
            assertEquals(1, c.readPacket().type());
            c.send(c.dataPacket(block(0, 1000)));
            c.send(c.dataPacket(block(1000, 1000)));
            // a block whose column has the wrong type: the whole INSERT is refused
            LongColumnBuilder id = (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("Int64"));
            id.appendLong(1);
            c.send(c.dataPacket(new Block(List.of("id"), List.of(id.build()), 1)));
            c.send(c.dataPacket(null));
            List<NativeWireClient.Packet> r = c.readUntilEnd();
            assertEquals(53, r.getLast().code(), "TYPE_MISMATCH: " + r);
            assertEquals(0, goldenRows(), "nothing of the refused INSERT was applied");
            // the connection goes on: the same INSERT without the bad block lands whole
            c.sendQuery("INSERT INTO default.golden_trades (id, sym) VALUES", true);
            assertEquals(1, c.readPacket().type());
            c.send(c.dataPacket(block(0, 1000)));
            c.send(c.dataPacket(block(1000, 1000)));
            c.send(c.dataPacket(null));
            r = c.readUntilEnd();
            assertEquals(5, r.getLast().type(), r.toString());
            long written =
                    r.stream().mapToLong(NativeWireClient.Packet::writtenRows).sum();
            assertEquals(2000, written, "written rows in Progress");
        }
        assertEquals(2000, goldenRows());
    }

    @Test
    void queryParametersSystemWarningsAndCancel() throws IOException {
        try (NativeWireClient c = connect()) {
            c.hello(NativeWireClient.REVISION, "default", "", "");
            c.parameters = List.<String[]>of(new String[] {"x", "'41'"}, new String[] {"s", "'it\\'s'"});
            List<NativeWireClient.Packet> r = c.query("SELECT {x:UInt8} + 1 AS v, {s:String} AS s", false);
            c.parameters = List.of();
            NativeWireClient.Packet data = r.stream()
                    .filter(p -> p.type() == 1 && p.block().rows() == 1)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(r.toString()));
            assertEquals(42, ((io.proxist.core.block.LongColumn) data.block().column(0)).values()[0]);
            assertEquals(
                    "it's", ((io.proxist.core.block.BytesColumn) data.block().column(1)).getString(0));

            // what current clickhouse-client asks on connect; the backend has no system.warnings
            List<NativeWireClient.Packet> w = c.query(
                    "SELECT * FROM viewIfPermitted(SELECT message FROM system.warnings ELSE null('message String'))",
                    true);
            assertEquals(5, w.getLast().type(), w.toString());
            assertEquals(List.of("message"), w.getFirst().block().names());

            // Cancel while a long result streams: the query ends with EndOfStream, the connection goes on
            c.sendQuery("SELECT number FROM system.numbers LIMIT 1000000000", true);
            long rows = 0;
            boolean cancelled = false;
            while (true) {
                NativeWireClient.Packet p = c.readPacket();
                if (p.type() == 1) rows += p.block().rows();
                if (!cancelled && rows > 0) {
                    ByteBuf cancel = Unpooled.buffer();
                    NativeWireClient.varUInt(cancel, 3);
                    c.send(cancel);
                    cancelled = true;
                }
                if (p.type() == 5 || p.type() == 2) {
                    assertEquals(5, p.type(), "a cancelled query ends with EndOfStream");
                    break;
                }
            }
            assertTrue(rows < 1_000_000_000L, "stopped early: " + rows + " rows");
            assertEquals(5, c.query("SELECT 1", true).getLast().type(), "the connection goes on after a cancel");
        }
    }

    @Test
    void tlsPortWithTheConfiguredCertificate(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.create(dir);
        Path cert = tls.certificate();
        Path key = tls.privateKey();
        try (ProxistServer p = ProxistUnderTest.start(
                clickhouse,
                Map.of(
                        "https.port",
                        "0",
                        "native.tls-port",
                        "0",
                        "tls.certificate",
                        cert.toString(),
                        "tls.private-key",
                        key.toString()))) {
            assertTrue(p.nativeTlsPort() > 0);
            // the real Python driver over TLS (certificate not verified: it is self-signed)
            Process py = new ProcessBuilder(List.of(
                            "/usr/bin/python3",
                            "-c",
                            "import sys\nfrom clickhouse_driver import Client\n"
                                    + "c = Client('127.0.0.1', port=int(sys.argv[1]), secure=True, verify=False)\n"
                                    + "print(c.execute('SELECT 20 + 22')[0][0])\n",
                            Integer.toString(p.nativeTlsPort())))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(py.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "python");
            assertEquals("42\n", out, out);
            assertEquals(0, py.exitValue());
            // plain text on the TLS port is not served as the protocol
            try (NativeWireClient plain = new NativeWireClient(p.host(), p.nativeTlsPort())) {
                NativeWireClient.Packet refused;
                try {
                    refused = plain.hello(NativeWireClient.REVISION, "default", "", "");
                } catch (RuntimeException | IOException closed) {
                    refused = null;
                }
                assertTrue(refused == null || refused.type() != 0, "no Hello over plain text on the TLS port");
            }
        }
    }

    static Block block(int from, int n) {
        LongColumnBuilder id = (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("Int32"));
        BytesColumnBuilder sym = (BytesColumnBuilder) ColumnBuilder.forType(DataType.parse("String"));
        for (int i = 0; i < n; i++) {
            id.appendLong(from + i);
            sym.appendString("S" + (from + i) % 13);
        }
        return new Block(List.of("id", "sym"), List.of(id.build(), sym.build()), n);
    }

    @Test
    void seededMutationsNeverBreakTheServerOrLeak() throws Exception {
        Logger leakLogger = (Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector");
        ListAppender<ILoggingEvent> leaks = new ListAppender<>();
        leaks.start();
        leakLogger.addAppender(leaks);
        long seed = Long.getLong("proxist.fuzz.seed", System.nanoTime());
        long budgetNanos = Long.getLong("proxist.fuzz.seconds", 20) * 1_000_000_000L;
        Random rnd = new Random(seed);
        String[] names = {"cli-select", "cli-insert-csv", "cli-error", "py-select-insert", "py-insert-error"};
        List<byte[]> streams = new ArrayList<>();
        for (String n : names) streams.add(Files.readAllBytes(GOLDEN.resolve(n + ".c2s")));
        recreateGoldenTable();
        long start = System.nanoTime();
        int cases = 0;
        try {
            while (System.nanoTime() - start < budgetNanos) {
                byte[] base = streams.get(rnd.nextInt(streams.size()));
                byte[] m = mutate(base, rnd);
                try (Socket s = new Socket(proxist.host(), proxist.nativePort())) {
                    s.setSoTimeout(30_000);
                    try {
                        s.getOutputStream().write(m);
                        s.shutdownOutput();
                    } catch (IOException serverClosedEarly) {
                        // the server may close a connection it rejects before reading everything
                    }
                    try {
                        // until the server closes, or up to 4 MiB: a mutated LIMIT can ask for an endless result, and
                        // the client going away mid-stream is a case of its own
                        java.io.InputStream in = s.getInputStream();
                        byte[] buf = new byte[64 * 1024];
                        long read = 0;
                        for (int n = in.read(buf); n >= 0 && read < (4 << 20); n = in.read(buf)) read += n;
                    } catch (java.net.SocketException reset) {
                        // closed with unread input: a reset is a close
                    }
                }
                cases++;
                if (cases % 25 == 0) assertServes();
            }
            assertServes();
            System.gc();
            assertServes();
        } catch (Throwable t) {
            throw new AssertionError("native fuzzer failed with seed " + seed + " after " + cases + " cases", t);
        } finally {
            leakLogger.detachAppender(leaks);
        }
        assertEquals(
                List.of(),
                leaks.list.stream().map(ILoggingEvent::getFormattedMessage).toList(),
                "leaks (seed " + seed + ")");
        assertTrue(cases > 10, "the fuzzer ran " + cases + " cases");
    }

    static byte[] mutate(byte[] base, Random rnd) {
        byte[] m = base.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(5)) {
                case 0 -> m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                case 2 -> m = java.util.Arrays.copyOf(m, 1 + rnd.nextInt(m.length));
                case 3 -> {
                    int at = rnd.nextInt(m.length);
                    byte[] ins = new byte[1 + rnd.nextInt(16)];
                    rnd.nextBytes(ins);
                    byte[] n = new byte[m.length + ins.length];
                    System.arraycopy(m, 0, n, 0, at);
                    System.arraycopy(ins, 0, n, at, ins.length);
                    System.arraycopy(m, at, n, at + ins.length, m.length - at);
                    m = n;
                }
                default -> {
                    int at = rnd.nextInt(m.length);
                    m[at] = (byte) 0xFF; // a VarUInt that goes on: huge lengths and counts
                }
            }
        }
        return m;
    }
}
