package io.proxist.protocol.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.proxist.core.block.Block;
import io.proxist.core.error.ProxistException;
import io.proxist.formats.io.ByteInput;
import io.proxist.formats.io.EndOfInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client-to-server byte streams recorded from real clients talking to Proxist (clickhouse-client 18.16, Python
 * clickhouse-driver 0.2.5; see golden/README.md), decoded with the session's packet decoders: whole, byte by
 * byte, and split at seeded random points, through {@link ChannelInput} as the server reads them. Every way must
 * decode to the same packets, and those to the recorded description ({@code <name>.packets.txt}).
 */
class ClientStreamReplayTest {
    private static final String[] FIXTURES = {
        "cli-select", "cli-insert-csv", "cli-error", "py-select-insert", "py-insert-error"
    };

    static byte[] fixture(String name) throws IOException {
        try (InputStream s = ClientStreamReplayTest.class.getResourceAsStream("golden/" + name + ".c2s")) {
            if (s == null) throw new IllegalStateException("missing fixture " + name);
            return s.readAllBytes();
        }
    }

    static String expected(String name) throws IOException {
        try (InputStream s = ClientStreamReplayTest.class.getResourceAsStream("golden/" + name + ".packets.txt")) {
            return s == null ? null : new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The packets of a client stream, one line each. */
    static List<String> describe(ByteInput in) {
        List<String> out = new ArrayList<>();
        if (in.readVarUInt() != NativeProtocol.CLIENT_HELLO) throw new AssertionError("no Hello");
        ClientHello hello = ClientHello.read(in, ProtocolLimits.DEFAULT);
        out.add("Hello " + hello.clientName() + " " + hello.versionMajor() + "." + hello.versionMinor() + " revision "
                + hello.revision() + " user " + hello.user() + " database '" + hello.database() + "'");
        int revision = (int) Math.min(hello.revision(), NativeProtocol.SERVER_REVISION);
        if (revision >= NativeProtocol.WITH_ADDENDUM) {
            out.add("Addendum quota key '" + Wire.readString(in, 1 << 10, "quota key") + "'");
        }
        boolean compressed = false;
        while (!in.atEnd()) {
            int id = (int) in.readVarUInt();
            switch (id) {
                case NativeProtocol.CLIENT_QUERY -> {
                    QueryPacket q = QueryPacket.read(in, revision, ProtocolLimits.DEFAULT);
                    compressed = q.compression();
                    out.add("Query compression=" + q.compression() + " stage=" + q.stage() + " settings="
                            + q.settings() + " parameters=" + q.parameters() + " client="
                            + q.clientInfo().clientName() + " : " + q.query().strip());
                }
                case NativeProtocol.CLIENT_DATA -> {
                    Block b = DataPacket.read(in, compressed, revision, ProtocolLimits.DEFAULT);
                    StringBuilder sb = new StringBuilder("Data rows=" + b.rows() + " columns=");
                    for (int c = 0; c < b.columnCount(); c++) {
                        sb.append(c == 0 ? "" : ",")
                                .append(b.name(c))
                                .append(':')
                                .append(b.column(c).type());
                    }
                    out.add(sb.toString());
                }
                case NativeProtocol.CLIENT_PING -> out.add("Ping");
                case NativeProtocol.CLIENT_CANCEL -> out.add("Cancel");
                default -> throw new AssertionError("unknown packet " + id);
            }
        }
        return out;
    }

    /** The stream offered to a {@link ChannelInput} in pieces of the given lengths (the rest in one piece). */
    static ChannelInput fed(byte[] bytes, int[] pieces) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ChannelInput in = new ChannelInput(ch, Long.MAX_VALUE, 0);
        int pos = 0;
        for (int len : pieces) {
            if (pos >= bytes.length) break;
            int n = Math.min(len, bytes.length - pos);
            in.offer(Unpooled.copiedBuffer(bytes, pos, n));
            pos += n;
        }
        if (pos < bytes.length) in.offer(Unpooled.copiedBuffer(bytes, pos, bytes.length - pos));
        in.endOfInput();
        return in;
    }

    static List<String> decode(byte[] bytes, int[] pieces) {
        ChannelInput in = fed(bytes, pieces);
        try {
            return describe(in);
        } finally {
            in.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cli-select", "cli-insert-csv", "cli-error", "py-select-insert", "py-insert-error"})
    void decodesWholeByteByByteAndSplit(String name) throws IOException {
        byte[] bytes = fixture(name);
        List<String> whole = decode(bytes, new int[0]);
        String text = String.join("\n", whole) + "\n";
        if (Boolean.getBoolean("proxist.updateGolden")) {
            Files.writeString(
                    Path.of("src/test/resources/io/proxist/protocol/tcp/golden/" + name + ".packets.txt"), text);
        }
        assertEquals(expected(name), text, "decoded packets of " + name);

        int[] ones = new int[bytes.length];
        java.util.Arrays.fill(ones, 1);
        assertEquals(whole, decode(bytes, ones), "byte by byte: " + name);

        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int round = 0; round < 20; round++) {
            int[] pieces = new int[1 + rnd.nextInt(12)];
            for (int i = 0; i < pieces.length; i++) pieces[i] = 1 + rnd.nextInt(Math.max(1, bytes.length / 3));
            assertEquals(whole, decode(bytes, pieces), "split at random points, seed " + seed + ": " + name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cli-select", "cli-insert-csv", "py-select-insert"})
    void everyTruncationEndsCleanlyOrAsEndOfInput(String name) throws IOException {
        byte[] bytes = fixture(name);
        int step = Math.max(1, bytes.length / 400);
        for (int cut = 1; cut < bytes.length; cut += step) {
            byte[] part = java.util.Arrays.copyOf(bytes, cut);
            int at = cut;
            try {
                decode(part, new int[0]);
            } catch (EndOfInputException expected) {
                // the stream ended inside a packet: the session treats it as the client going away
            } catch (ProxistException e) {
                throw new AssertionError("truncation at " + at + " of " + name + " failed as " + e, e);
            }
        }
        assertThrows(
                EndOfInputException.class, () -> decode(java.util.Arrays.copyOf(bytes, bytes.length - 1), new int[0]));
    }

    static String[] fixtures() {
        return FIXTURES.clone();
    }
}
