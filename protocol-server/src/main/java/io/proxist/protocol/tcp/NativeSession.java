package io.proxist.protocol.tcp;

import static io.proxist.protocol.tcp.NativeProtocol.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.query.QueryContext;
import io.proxist.core.query.QueryEngine;
import io.proxist.core.query.QueryParameters;
import io.proxist.core.query.QueryResult;
import io.proxist.core.query.Statement;
import io.proxist.core.query.StatementKind;
import io.proxist.core.query.StatementScanner;
import io.proxist.core.type.DataType;
import io.proxist.formats.io.EndOfInputException;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import io.proxist.protocol.compress.CompressionMethod;
import io.proxist.protocol.compress.FrameDescriptor;
import io.proxist.protocol.compress.FrameEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One native-protocol connection, run on its own (virtual) thread with blocking reads from {@link ChannelInput}.
 * States: {@link State#HANDSHAKE} (Hello, authentication, addendum), then {@link State#IDLE} between queries,
 * {@link State#QUERY} while a query's external-table blocks are read and its result streamed, {@link State#INSERT}
 * while an INSERT's data blocks are received. Every field is read and written at the connection's revision,
 * {@code min(client revision, 54460)}.
 *
 * <p>Errors a client caused in a well-formed packet (a bad query, a failed INSERT) get an Exception packet and the
 * connection stays usable. Errors that leave the byte stream out of step (an unknown packet, a corrupted or
 * oversize block, a bad checksum) get an Exception packet and the connection is closed, as ClickHouse does.
 */
final class NativeSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(NativeSession.class);

    enum State {
        HANDSHAKE,
        IDLE,
        QUERY,
        INSERT,
        CLOSED
    }

    /** The stream cannot be resynchronised after this error: report it, then close the connection. */
    private static final class FatalProtocolError extends RuntimeException {
        final ProxistException error;

        FatalProtocolError(ProxistException error) {
            super(error.getMessage(), error, false, false);
            this.error = error;
        }
    }

    private final NativeFrontend.Shared shared;
    private final ChannelInput in;
    private final Outbound out;
    private State state = State.HANDSHAKE;
    private int revision;
    private String user = "default";
    private String database = "default";
    private final Map<String, String> sessionSettings = new LinkedHashMap<>();
    /** Reads compressed client blocks; kept for the connection so its buffers are reused. */
    private io.proxist.protocol.compress.FrameInput frames;

    NativeSession(NativeFrontend.Shared shared, ChannelInput in, Outbound out) {
        this.shared = shared;
        this.in = in;
        this.out = out;
    }

    State state() {
        return state;
    }

    @Override
    public void run() {
        try {
            if (!handshake()) return;
            state = State.IDLE;
            while (!in.atEnd()) {
                int packet = (int) in.readVarUInt();
                switch (packet) {
                    case CLIENT_QUERY -> query();
                    case CLIENT_PING -> {
                        pong();
                        out.flush();
                    }
                    case CLIENT_CANCEL -> {
                        // nothing is running: a late cancel of a finished query
                    }
                    case CLIENT_DATA ->
                        throw fatal(
                                ErrorCode.UNEXPECTED_PACKET_FROM_CLIENT, "Unexpected packet Data received from client");
                    default ->
                        throw fatal(ErrorCode.UNKNOWN_PACKET_FROM_CLIENT, "Unknown packet " + packet + " from client");
                }
                state = State.IDLE;
            }
        } catch (Outbound.ConnectionClosed | EndOfInputException gone) {
            LOG.debug("native connection ended: {}", gone.getMessage());
        } catch (FatalProtocolError e) {
            trySendException(e.error);
        } catch (ProxistException e) {
            // a malformed packet (length over a limit, bad compression, ...): the stream is out of step
            trySendException(e);
        } catch (RuntimeException e) {
            LOG.warn("native session failed", e);
            trySendException(new ProxistException(ErrorCode.UNKNOWN_EXCEPTION, String.valueOf(e), e));
        } finally {
            state = State.CLOSED;
            in.release();
            out.channel().close();
        }
    }

    private static FatalProtocolError fatal(ErrorCode code, String message) {
        return new FatalProtocolError(new ProxistException(code, message));
    }

    private void trySendException(ProxistException e) {
        try {
            exception(e);
            out.flush();
        } catch (RuntimeException ignored) {
            // the client is gone: nothing to tell
        }
    }

    // ---- handshake

    private boolean handshake() {
        if (in.atEnd()) return false;
        int first = in.readUnsignedByte();
        if (first == 'G' || first == 'P') {
            String text =
                    "HTTP/1.0 400 Bad Request\r\n\r\nPort " + shared.port() + " is for clickhouse-client program.\r\n"
                            + "You must use port " + shared.httpPortHint() + " for HTTP.\r\n";
            out.write(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
            out.flush();
            return false;
        }
        if (first != CLIENT_HELLO) {
            throw fatal(
                    ErrorCode.UNEXPECTED_PACKET_FROM_CLIENT,
                    "Unexpected packet from client (expected Hello, got packet " + first + ")");
        }
        ClientHello hello = ClientHello.read(in, shared.limits());
        if (hello.revision() < MIN_CLIENT_REVISION) {
            throw fatal(
                    ErrorCode.UNEXPECTED_PACKET_FROM_CLIENT,
                    "Client revision " + hello.revision() + " is too old: Proxist serves clients from revision "
                            + MIN_CLIENT_REVISION);
        }
        revision = (int) Math.min(hello.revision(), SERVER_REVISION);
        try {
            shared.users().authenticate(hello.user(), hello.password());
        } catch (ProxistException e) {
            throw new FatalProtocolError(e);
        }
        user = hello.user();
        if (!hello.database().isEmpty()) database = hello.database();
        ByteBuf b = out.channel().alloc().buffer();
        Wire.writeVarUInt(b, SERVER_HELLO);
        Wire.writeString(b, "ClickHouse");
        String[] v = shared.identity().version().split("\\.");
        Wire.writeVarUInt(b, Long.parseLong(v[0]));
        Wire.writeVarUInt(b, Long.parseLong(v[1]));
        Wire.writeVarUInt(b, SERVER_REVISION);
        if (revision >= WITH_SERVER_TIMEZONE)
            Wire.writeString(b, shared.identity().timeZone());
        if (revision >= WITH_SERVER_DISPLAY_NAME)
            Wire.writeString(b, shared.identity().displayName());
        if (revision >= WITH_VERSION_PATCH) Wire.writeVarUInt(b, v.length > 2 ? Long.parseLong(v[2]) : 0);
        out.write(b);
        out.flush();
        if (revision >= WITH_ADDENDUM) {
            Wire.readString(in, shared.limits().maxNameBytes(), "quota key");
        }
        LOG.debug("native handshake: {} (revision used {})", hello, revision);
        return true;
    }

    // ---- queries

    private void query() {
        state = State.QUERY;
        QueryPacket q = QueryPacket.read(in, revision, shared.limits());
        // external tables: Data packets up to an empty block, all read before anything is answered
        boolean external = false;
        while (true) {
            int packet = (int) in.readVarUInt();
            if (packet != CLIENT_DATA) {
                throw fatal(
                        ErrorCode.UNEXPECTED_PACKET_FROM_CLIENT,
                        "Unexpected packet from client (expected Data after Query, got packet " + packet + ")");
            }
            Block b = readData(q.compression());
            if (b.rows() == 0) break;
            external = true;
        }
        String queryId = q.queryId().isEmpty() ? UUID.randomUUID().toString() : q.queryId();
        long started = System.nanoTime();
        try {
            if (external) {
                throw new ProxistException(
                        ErrorCode.NOT_IMPLEMENTED, "External tables sent with a query are not supported by Proxist");
            }
            Map<String, String> settings = new LinkedHashMap<>(sessionSettings);
            for (Map.Entry<String, String> s : q.settings().entrySet()) {
                if (shared.engine().knowsSetting(s.getKey())) {
                    settings.put(s.getKey(), s.getValue());
                } else if (q.importantSettings().contains(s.getKey())) {
                    throw new ProxistException(ErrorCode.UNKNOWN_SETTING, "Unknown setting '" + s.getKey() + "'");
                }
            }
            Statement st = StatementScanner.scan(q.query());
            String sql = QueryParameters.substitute(st.sql(), q.parameters());
            st = new Statement(st.kind(), sql, st.format(), st.insertTable(), st.insertColumns(), st.inlineData());
            QueryContext ctx = new QueryContext(user, database, queryId, settings, q.parameters(), false);
            Replies replies = new Replies(settings, q.compression(), started);
            switch (st.kind()) {
                case SET -> {
                    Map<String, String> changes = StatementScanner.setAssignments(st.sql());
                    for (String name : changes.keySet()) {
                        if (!shared.engine().knowsSetting(name)) {
                            throw new ProxistException(ErrorCode.UNKNOWN_SETTING, "Unknown setting '" + name + "'");
                        }
                    }
                    sessionSettings.putAll(changes);
                    replies.endOfStream();
                }
                case USE -> {
                    String db = st.sql().substring(3).strip().replace("`", "");
                    // ask the backend whether it exists, as ClickHouse checks before switching
                    QueryResult check = shared.engine()
                            .execute(
                                    ctx,
                                    StatementScanner.scan("SHOW TABLES FROM `" + db.replace("`", "\\`") + "`"),
                                    null);
                    if (check instanceof QueryResult.Rows rows) rows.cursor().close();
                    database = db;
                    replies.endOfStream();
                }
                case INSERT -> {
                    // Inline data (INSERT ... VALUES (1, 'a') in the query text) is the server's to parse for
                    // current clients; clients before revision 54429 (clickhouse-client 18.x in --multiquery mode)
                    // send the text whole and the rows again as blocks, and expect the header, as ClickHouse of
                    // their time answered: for them the inline data is ignored and the blocks are read.
                    boolean inline = st.inlineData() != null
                            && !isBlank(st.inlineData())
                            && revision >= WITH_SETTINGS_AS_STRINGS;
                    if (st.insertSelect() || inline) {
                        QueryResult r = shared.engine()
                                .execute(
                                        ctx,
                                        st,
                                        st.insertSelect() ? null : new java.io.ByteArrayInputStream(st.inlineData()));
                        replies.done(r);
                    } else {
                        insert(ctx, st, q, replies);
                    }
                }
                default -> replies.result(shared.engine().execute(ctx, st, null));
            }
        } catch (ProxistException e) {
            if (e instanceof EndOfInputException) throw e;
            exception(e);
            out.flush();
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) if (!Character.isWhitespace(x)) return false;
        return true;
    }

    /** INSERT with data from the client: header, then the client's blocks until an empty one. */
    private void insert(QueryContext ctx, Statement st, QueryPacket q, Replies replies) {
        Block header = shared.engine().insertHeader(ctx, st);
        // clients older than DateTime64 cannot parse it: they get (and send) its raw value as Int64
        boolean lowered = revision < CLIENTS_KNOW_DATETIME64;
        Block original = header;
        if (lowered) header = retype(header, "DateTime64", DataType.of("Int64"));
        if (revision < WITH_LOW_CARDINALITY_TYPE) {
            // as ClickHouse does for clients before LowCardinality: they are asked for (and send) the plain type
            List<io.proxist.core.block.Column> plain = new ArrayList<>();
            for (io.proxist.core.block.Column c : header.columns()) {
                DataType p = io.proxist.core.block.Columns.plainType(c.type());
                plain.add(p.equals(c.type()) ? c : io.proxist.core.block.Columns.withType(c, p));
            }
            header = new Block(header.names(), plain, header.rows());
        }
        replies.data(SERVER_DATA, header);
        out.flush();
        state = State.INSERT;
        List<Block> blocks = new ArrayList<>();
        long bytes = 0;
        ProxistException failure = null;
        while (true) {
            int packet = (int) in.readVarUInt();
            if (packet != CLIENT_DATA) {
                throw fatal(
                        ErrorCode.UNEXPECTED_PACKET_FROM_CLIENT,
                        "Unexpected packet from client (expected Data during INSERT, got packet " + packet + ")");
            }
            Block b = readData(q.compression());
            if (b.rows() == 0) break;
            if (revision >= WITH_PROFILE_EVENTS_IN_INSERT) {
                replies.profileEvents(b.rows(), 0);
                out.flush();
            }
            if (failure != null) continue;
            try {
                checkStructure(header, b);
                bytes += approximateBytes(b);
                if (bytes > shared.limits().maxInsertBytes()) {
                    throw new ProxistException(
                            ErrorCode.MEMORY_LIMIT_EXCEEDED,
                            "INSERT over native holds at most "
                                    + shared.limits().maxInsertBytes()
                                    + " bytes of blocks before sending them on (native.max-insert-bytes)");
                }
                blocks.add(lowered ? raise(original, b) : b);
            } catch (ProxistException e) {
                failure = e;
                blocks.clear();
            }
        }
        if (revision >= WITH_PROFILE_EVENTS_IN_INSERT) replies.profileEvents(0, 0);
        if (failure != null) throw failure;
        long rows = 0;
        for (Block b : blocks) rows += b.rows();
        QueryResult r = rows == 0 ? new QueryResult.Done(0, 0) : shared.engine().insertBlocks(ctx, st, blocks);
        if (r == null) r = insertAsNative(ctx, st, blocks);
        blocks.clear();
        replies.done(r);
    }

    /** The blocks as one Native body to {@link QueryEngine#execute}, for engines that take data as a stream. */
    private QueryResult insertAsNative(QueryContext ctx, Statement st, List<Block> blocks) {
        ByteBuf body = Unpooled.buffer();
        try {
            for (Block b : blocks) NativeBlockWriter.write(b, 0, body);
            Statement nativeInsert = new Statement(
                    StatementKind.INSERT, st.sql(), "Native", st.insertTable(), st.insertColumns(), new byte[0]);
            return shared.engine().execute(ctx, nativeInsert, new ByteBufInputStream(body));
        } finally {
            body.release();
        }
    }

    /** The header's columns whose type is {@code family} turned into {@code to} (a header has no rows). */
    private static Block retype(Block header, String family, DataType to) {
        List<io.proxist.core.block.Column> cols = new ArrayList<>();
        for (io.proxist.core.block.Column c : header.columns()) {
            cols.add(c.type().is(family) ? io.proxist.core.block.Columns.withType(c, to) : c);
        }
        return new Block(header.names(), cols, header.rows());
    }

    /** An old client's block: its Int64 columns where the table has DateTime64 carry the raw DateTime64 values. */
    private static Block raise(Block header, Block b) {
        List<io.proxist.core.block.Column> cols = new ArrayList<>();
        for (int c = 0; c < b.columnCount(); c++) {
            io.proxist.core.block.Column col = b.column(c);
            int h = header.names().indexOf(b.name(c));
            DataType want = h < 0 ? null : header.column(h).type();
            cols.add(
                    want != null && want.is("DateTime64") && col.type().is("Int64")
                            ? io.proxist.core.block.Columns.withType(col, want)
                            : col);
        }
        return new Block(b.names(), cols, b.rows());
    }

    private static void checkStructure(Block header, Block b) {
        for (int c = 0; c < b.columnCount(); c++) {
            int h = header.names().indexOf(b.name(c));
            if (h < 0) {
                throw new ProxistException(
                        ErrorCode.NO_SUCH_COLUMN_IN_TABLE, "No such column " + b.name(c) + " in the INSERT's table");
            }
            DataType want = header.column(h).type();
            DataType got = b.column(c).type();
            if (!io.proxist.core.block.Columns.plainType(want).equals(io.proxist.core.block.Columns.plainType(got))) {
                throw new ProxistException(
                        ErrorCode.TYPE_MISMATCH,
                        "Type mismatch for column " + b.name(c) + ": the table has " + want + ", the block has " + got);
            }
        }
    }

    private static long approximateBytes(Block b) {
        ByteBuf probe = Unpooled.buffer();
        try {
            NativeBlockWriter.write(b, 0, probe);
            return probe.readableBytes();
        } finally {
            probe.release();
        }
    }

    /** A Data packet whose id was read; a malformed block ends the connection (the stream is out of step). */
    private Block readData(boolean compressed) {
        try {
            if (!compressed) return DataPacket.read(in, null, revision, shared.limits());
            if (frames == null) frames = DataPacket.frames(in, shared.limits());
            return DataPacket.read(in, frames, revision, shared.limits());
        } catch (EndOfInputException e) {
            throw e;
        } catch (ProxistException e) {
            throw new FatalProtocolError(e);
        }
    }

    // ---- replies

    /** The packets answering one query, with its progress counters. */
    private final class Replies {
        final boolean compress;
        final CompressionMethod method;
        final int zstdLevel;
        final long started;
        long rowsRead;
        long bytesRead;

        Replies(Map<String, String> settings, boolean compress, long started) {
            this.compress = compress;
            this.started = started;
            String m =
                    settings.getOrDefault("network_compression_method", "LZ4").toUpperCase(Locale.ROOT);
            this.method = switch (m) {
                case "ZSTD" -> CompressionMethod.ZSTD;
                case "NONE" -> CompressionMethod.NONE;
                case "LZ4", "LZ4HC" -> CompressionMethod.LZ4;
                default ->
                    throw new ProxistException(
                            ErrorCode.UNKNOWN_COMPRESSION_METHOD, "Unknown compression method: " + m);
            };
            this.zstdLevel = Integer.parseInt(settings.getOrDefault("network_zstd_compression_level", "1"));
        }

        void data(int packetType, Block block) {
            // a client older than DateTime64 gets the values as Int64 nanoseconds (the seam answers with DateTime64)
            if (revision < CLIENTS_KNOW_DATETIME64) block = retype(block, "DateTime64", DataType.of("Int64"));
            ByteBuf encoded = null;
            if (compress) {
                ByteBuf body = out.channel().alloc().heapBuffer();
                try {
                    NativeBlockWriter.write(block, revision, body);
                    encoded = new FrameEncoder(method, FrameDescriptor.DEFAULT_MAX_BLOCK_SIZE, zstdLevel)
                            .encode(body, out.channel().alloc());
                } finally {
                    body.release();
                }
            }
            ByteBuf b = out.channel().alloc().buffer();
            Wire.writeVarUInt(b, packetType);
            Wire.writeString(b, "");
            if (encoded == null) {
                NativeBlockWriter.write(block, revision, b);
                out.write(b);
                return;
            }
            try {
                out.write(b);
            } catch (RuntimeException e) {
                encoded.release();
                throw e;
            }
            out.write(encoded);
        }

        void result(QueryResult r) {
            switch (r) {
                case QueryResult.Rows rows -> stream(rows.cursor());
                case QueryResult.Done d -> done(d);
            }
        }

        void done(QueryResult r) {
            if (r instanceof QueryResult.Rows rows) {
                rows.cursor().close();
                endOfStream();
                return;
            }
            QueryResult.Done d = (QueryResult.Done) r;
            // clients before written_rows in Progress (54420) expect only EndOfStream here
            if (revision >= WITH_CLIENT_WRITE_INFO) progress(0, 0, d.writtenRows(), d.writtenBytes());
            endOfStream();
        }

        void stream(BlockCursor cursor) {
            try (cursor) {
                data(SERVER_DATA, cursor.header());
                out.flush();
                long rows = 0;
                long blocks = 0;
                for (Block b = cursor.next(); b != null; b = cursor.next()) {
                    if (b.rows() == 0) continue;
                    if (cancelRequested()) {
                        endOfStream();
                        return;
                    }
                    progressFrom(cursor);
                    data(SERVER_DATA, b);
                    out.flush();
                    rows += b.rows();
                    blocks++;
                }
                // TCPHandler::processOrdinaryQuery: Totals, Extremes, then ProfileInfo, Progress (and ProfileEvents)
                Block totals = cursor.totals();
                if (totals != null && totals.rows() > 0) data(SERVER_TOTALS, totals);
                Block extremes = cursor.extremes();
                if (extremes != null && extremes.rows() > 0) data(SERVER_EXTREMES, extremes);
                profileInfo(rows, blocks, cursor.bytesRead());
                progressFrom(cursor);
                if (revision >= WITH_INCREMENTAL_PROFILE_EVENTS) profileEvents(rows, cursor.bytesRead());
                data(SERVER_DATA, new Block(List.of(), List.of(), 0));
                endOfStream();
            }
        }

        private void progressFrom(BlockCursor cursor) {
            long r = cursor.rowsRead() - rowsRead;
            long b = cursor.bytesRead() - bytesRead;
            rowsRead = cursor.rowsRead();
            bytesRead = cursor.bytesRead();
            progress(Math.max(r, 0), Math.max(b, 0), 0, 0);
        }

        void progress(long rows, long bytes, long writtenRows, long writtenBytes) {
            ByteBuf b = out.channel().alloc().buffer(32);
            Wire.writeVarUInt(b, SERVER_PROGRESS);
            Wire.writeVarUInt(b, rows);
            Wire.writeVarUInt(b, bytes);
            Wire.writeVarUInt(b, 0); // total rows to read: unknown
            if (revision >= WITH_CLIENT_WRITE_INFO) {
                Wire.writeVarUInt(b, writtenRows);
                Wire.writeVarUInt(b, writtenBytes);
            }
            if (revision >= WITH_SERVER_QUERY_TIME_IN_PROGRESS) Wire.writeVarUInt(b, System.nanoTime() - started);
            out.write(b);
        }

        void profileInfo(long rows, long blocks, long bytes) {
            ByteBuf b = out.channel().alloc().buffer(32);
            Wire.writeVarUInt(b, SERVER_PROFILE_INFO);
            Wire.writeVarUInt(b, rows);
            Wire.writeVarUInt(b, blocks);
            Wire.writeVarUInt(b, bytes);
            b.writeByte(0); // applied_limit
            Wire.writeVarUInt(b, 0); // rows_before_limit
            b.writeByte(1); // calculated_rows_before_limit: 1, as ClickHouse sends (18.16's client aborts on 0)
            out.write(b);
        }

        /** A ProfileEvents packet (uncompressed block): the rows and bytes this step handled. */
        void profileEvents(long rows, long bytes) {
            ByteBuf b = out.channel().alloc().buffer();
            Wire.writeVarUInt(b, SERVER_PROFILE_EVENTS);
            Wire.writeString(b, "");
            NativeBlockWriter.write(profileEventsBlock(rows, bytes), revision, b);
            out.write(b);
        }

        void endOfStream() {
            ByteBuf b = out.channel().alloc().buffer(1);
            Wire.writeVarUInt(b, SERVER_END_OF_STREAM);
            out.write(b);
            out.flush();
        }
    }

    private Block profileEventsBlock(long rows, long bytes) {
        String[] names = {"host_name", "current_time", "thread_id", "type", "name", "value"};
        String[] types = {"String", "DateTime", "UInt64", "Enum8('increment' = 1, 'gauge' = 2)", "String", "Int64"};
        ColumnBuilder[] cols = new ColumnBuilder[names.length];
        for (int i = 0; i < names.length; i++) cols[i] = ColumnBuilder.forType(DataType.parse(types[i]));
        long now = System.currentTimeMillis() / 1000;
        String[] events = {"SelectedRows", "SelectedBytes"};
        long[] values = {rows, bytes};
        for (int i = 0; i < events.length; i++) {
            ((BytesColumnBuilder) cols[0]).appendString(shared.identity().displayName());
            ((LongColumnBuilder) cols[1]).appendLong(now);
            ((LongColumnBuilder) cols[2]).appendLong(Thread.currentThread().threadId());
            ((LongColumnBuilder) cols[3]).appendLong(1);
            ((BytesColumnBuilder) cols[4]).appendString(events[i]);
            ((LongColumnBuilder) cols[5]).appendLong(values[i]);
        }
        List<Column> built = new ArrayList<>();
        for (ColumnBuilder c : cols) built.add(c.build());
        return new Block(List.of(names), built, events.length);
    }

    /**
     * Looks at what the client sent while a result streams: Cancel stops the query, Ping gets its Pong; anything
     * else (a pipelining client's next query) is left unread until this one is done.
     */
    private boolean cancelRequested() {
        while (true) {
            int next = in.peekIfAvailable();
            if (next == CLIENT_CANCEL) {
                in.readVarUInt();
                return true;
            }
            if (next != CLIENT_PING) return false;
            in.readVarUInt();
            pong();
        }
    }

    private void pong() {
        ByteBuf b = out.channel().alloc().buffer(1);
        Wire.writeVarUInt(b, SERVER_PONG);
        out.write(b);
    }

    private void exception(ProxistException e) {
        ByteBuf b = out.channel().alloc().buffer();
        Wire.writeVarUInt(b, SERVER_EXCEPTION);
        b.writeIntLE(e.codeNumber());
        Wire.writeString(b, "DB::Exception");
        String msg = e.getMessage() == null ? "" : e.getMessage();
        Wire.writeString(b, msg);
        Wire.writeString(b, "");
        b.writeByte(0);
        out.write(b);
    }
}
