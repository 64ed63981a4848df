package io.proxist.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.proxist.core.block.Block;
import io.proxist.formats.io.ByteInput;
import io.proxist.formats.io.StreamInput;
import io.proxist.formats.nativeformat.NativeBlockReader;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import io.proxist.formats.nativeformat.NativeLimits;
import io.proxist.protocol.compress.CompressionMethod;
import io.proxist.protocol.compress.FrameEncoder;
import io.proxist.protocol.compress.FrameInput;
import io.proxist.protocol.compress.FrameLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal native-protocol client for tests that need to send exact (or deliberately broken) packets and read
 * every server packet: Hello at a chosen revision, Query with or without compression, Data blocks, raw bytes.
 * Written from the protocol description (ProtocolDefines.h, TCPHandler.cpp), independent of Proxist's server code.
 */
final class NativeWireClient implements AutoCloseable {
    static final int REVISION = 54460;

    private final Socket socket;
    private final OutputStream out;
    private final StreamInput in;
    int revision;
    boolean compression;
    String serverName;
    long serverRevision;

    NativeWireClient(String host, int port) throws IOException {
        this(new Socket(host, port));
    }

    NativeWireClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new StreamInput(socket.getInputStream());
    }

    /** One packet the server sent. */
    record Packet(int type, Block block, int code, String message, long rows, long bytes, long writtenRows) {
        static Packet of(int type) {
            return new Packet(type, null, 0, null, 0, 0, 0);
        }
    }

    static void varUInt(ByteBuf b, long v) {
        NativeBlockWriter.writeVarUInt(b, v);
    }

    static void string(ByteBuf b, String s) {
        NativeBlockWriter.writeString(b, s);
    }

    void send(ByteBuf b) throws IOException {
        try {
            out.write(ByteBufUtil.getBytes(b));
            out.flush();
        } finally {
            b.release();
        }
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Hello, the server's answer (Hello, or an Exception packet), and the addendum. */
    Packet hello(int clientRevision, String user, String password, String database) throws IOException {
        ByteBuf b = Unpooled.buffer();
        varUInt(b, 0);
        string(b, "proxist-test");
        varUInt(b, 25);
        varUInt(b, 8);
        varUInt(b, clientRevision);
        string(b, database);
        string(b, user);
        string(b, password);
        send(b);
        revision = Math.min(clientRevision, REVISION);
        int type = (int) in.readVarUInt();
        if (type == 2) return readException();
        if (type != 0) throw new IllegalStateException("expected Hello, got packet " + type);
        serverName = readString();
        in.readVarUInt();
        in.readVarUInt();
        serverRevision = in.readVarUInt();
        revision = (int) Math.min(clientRevision, serverRevision);
        if (revision >= 54058) readString();
        if (revision >= 54372) readString();
        if (revision >= 54401) in.readVarUInt();
        if (revision >= 54458) {
            ByteBuf a = Unpooled.buffer();
            string(a, "");
            send(a);
        }
        return Packet.of(0);
    }

    /** Query parameters of the next {@link #queryPacket}: name and value as clients send it (a quoted dump). */
    List<String[]> parameters = List.of();

    ByteBuf queryPacket(String sql, boolean compress, List<String[]> settings) {
        compression = compress;
        ByteBuf b = Unpooled.buffer();
        varUInt(b, 1);
        string(b, "");
        // ClientInfo
        b.writeByte(1);
        string(b, "");
        string(b, "");
        string(b, "127.0.0.1:0");
        if (revision >= 54449) b.writeLongLE(0);
        b.writeByte(1);
        string(b, "tester");
        string(b, "localhost");
        string(b, "proxist-test");
        varUInt(b, 25);
        varUInt(b, 8);
        varUInt(b, revision);
        if (revision >= 54060) string(b, "");
        if (revision >= 54448) varUInt(b, 0);
        if (revision >= 54401) varUInt(b, 1);
        if (revision >= 54442) b.writeByte(0);
        if (revision >= 54453) {
            varUInt(b, 0);
            varUInt(b, 0);
            varUInt(b, 0);
        }
        for (String[] s : settings) {
            string(b, s[0]);
            varUInt(b, s.length > 2 ? Long.parseLong(s[2]) : 0);
            string(b, s[1]);
        }
        string(b, "");
        if (revision >= 54441) string(b, "");
        varUInt(b, 2);
        varUInt(b, compress ? 1 : 0);
        string(b, sql);
        if (revision >= 54459) {
            for (String[] p : parameters) {
                string(b, p[0]);
                varUInt(b, 2); // CUSTOM
                string(b, p[1]);
            }
            string(b, "");
        }
        return b;
    }

    /** A Data packet with {@code block} (an empty block when null), compressed when the query is. */
    ByteBuf dataPacket(Block block) {
        ByteBuf b = Unpooled.buffer();
        varUInt(b, 2);
        string(b, "");
        Block blk = block != null ? block : new Block(List.of(), List.of(), 0);
        ByteBuf body = Unpooled.buffer();
        NativeBlockWriter.write(blk, revision, body);
        if (compression) {
            ByteBuf frames = new FrameEncoder(CompressionMethod.LZ4).encode(body, UnpooledByteBufAllocator.DEFAULT);
            b.writeBytes(frames);
            frames.release();
        } else {
            b.writeBytes(body);
        }
        body.release();
        return b;
    }

    /** Sends a Query and the empty block that ends its (absent) external tables. */
    void sendQuery(String sql, boolean compress) throws IOException {
        ByteBuf b = queryPacket(sql, compress, List.of());
        ByteBuf d = dataPacket(null);
        b.writeBytes(d);
        d.release();
        send(b);
    }

    /** Query, the empty external-tables block, then every packet up to EndOfStream or Exception. */
    List<Packet> query(String sql, boolean compress) throws IOException {
        sendQuery(sql, compress);
        return readUntilEnd();
    }

    List<Packet> readUntilEnd() throws IOException {
        List<Packet> packets = new ArrayList<>();
        while (true) {
            Packet p = readPacket();
            packets.add(p);
            if (p.type() == 5 || p.type() == 2) return packets;
        }
    }

    /** The next server packet; for Data the block is read as the current query's compression says. */
    Packet readPacket() throws IOException {
        int type = (int) in.readVarUInt();
        switch (type) {
            case 1, 7, 8 -> {
                readString();
                ByteInput src = compression ? new FrameInput(in, FrameLimits.DEFAULT) : in;
                Block blk = new NativeBlockReader(src, revision, NativeLimits.DEFAULT).next();
                return new Packet(type, blk, 0, null, 0, 0, 0);
            }
            case 2 -> {
                return readException();
            }
            case 3 -> {
                long rows = in.readVarUInt();
                long bytes = in.readVarUInt();
                in.readVarUInt();
                long written = 0;
                if (revision >= 54420) {
                    written = in.readVarUInt();
                    in.readVarUInt();
                }
                if (revision >= 54460) in.readVarUInt();
                return new Packet(3, null, 0, null, rows, bytes, written);
            }
            case 4, 5 -> {
                return Packet.of(type);
            }
            case 6 -> {
                long rows = in.readVarUInt();
                in.readVarUInt();
                long bytes = in.readVarUInt();
                in.readUnsignedByte();
                in.readVarUInt();
                in.readUnsignedByte();
                return new Packet(6, null, 0, null, rows, bytes, 0);
            }
            case 11 -> {
                readString();
                readString();
                return Packet.of(11);
            }
            case 14 -> {
                readString();
                Block blk = new NativeBlockReader(in, revision, NativeLimits.DEFAULT).next();
                return new Packet(14, blk, 0, null, 0, 0, 0);
            }
            default -> throw new IllegalStateException("unknown server packet " + type);
        }
    }

    private Packet readException() {
        int code = in.readIntLE();
        readString();
        String message = readString();
        readString();
        in.readUnsignedByte();
        return new Packet(2, null, code, message, 0, 0, 0);
    }

    long readVarUIntForTest() {
        return in.readVarUInt();
    }

    String readString() {
        long len = in.readVarUInt();
        byte[] b = new byte[(int) len];
        in.readFully(b, 0, b.length);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** True when the server closed the connection (within the socket timeout). */
    boolean closedByServer() {
        try {
            return in.atEnd();
        } catch (io.proxist.core.error.ProxistException e) {
            return !(e.getCause() instanceof SocketTimeoutException);
        } catch (RuntimeException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
