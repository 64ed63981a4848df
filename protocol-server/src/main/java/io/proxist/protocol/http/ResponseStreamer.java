package io.proxist.protocol.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.proxist.core.block.Block;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.query.ServerIdentity;
import io.proxist.formats.output.FormatSettings;
import io.proxist.formats.output.OutputFormat;
import io.proxist.formats.output.OutputFormats;
import io.proxist.formats.output.ResultStatistics;
import io.proxist.protocol.compress.CompressedFrames;
import io.proxist.protocol.compress.CompressionMethod;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;

/**
 * Writes one query's answer: headers as a current ClickHouse sends them, then the result encoded block by block
 * as chunks, each written only when the channel can take it (a slow client slows the upstream read, nothing is
 * buffered whole), natively LZ4-framed with {@code compress=1}. With {@code wait_end_of_query=1} the body is
 * held until the end so the summary is complete and a late error still gets its status code.
 * Runs on a worker thread; buffers written to the channel are released by Netty.
 */
final class ResponseStreamer {
    private static final int CHUNK_BYTES = 256 * 1024;

    private final ChannelHandlerContext ctx;
    private final ServerIdentity identity;
    private final HttpParams params;
    private final String queryId;
    private final boolean keepAlive;
    private final boolean compress;
    private final boolean waitEnd;
    private OutputFormat format;
    private boolean headersSent;
    private boolean progressHeaders;

    ResponseStreamer(
            ChannelHandlerContext ctx, ServerIdentity identity, HttpParams params, String queryId, boolean keepAlive) {
        this.ctx = ctx;
        this.identity = identity;
        this.params = params;
        this.queryId = queryId;
        this.keepAlive = keepAlive;
        this.compress = params.flag("compress");
        this.waitEnd = params.flag("wait_end_of_query");
    }

    /** Chooses the output format first, so an unknown one fails before anything runs. */
    void prepareFormat(String name, Map<String, String> settings) {
        int revision = params.intParam("client_protocol_version", 0);
        FormatSettings fs = new FormatSettings(
                ZoneId.of(identity.timeZone()),
                "1".equals(settings.getOrDefault("output_format_json_quote_64bit_integers", "0")),
                "1".equals(settings.get("output_format_json_quote_denormals")),
                revision);
        format = OutputFormats.create(name == null || name.isEmpty() ? "TabSeparated" : name, fs);
        progressHeaders = "1".equals(settings.get("send_progress_in_http_headers"));
    }

    /** A statement without rows: 200, empty body, the summary with what it wrote. */
    void done(long writtenRows, long writtenBytes) {
        FullHttpResponse r =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
        common(r.headers(), "text/plain; charset=UTF-8");
        r.headers().set("X-ClickHouse-Summary", summary(0, 0, writtenRows, writtenBytes, 0, 0));
        ClickHouseHttpHandler.send(ctx, r, keepAlive);
    }

    void stream(BlockCursor cursor) {
        long start = System.nanoTime();
        long resultRows = 0;
        long resultBytes = 0;
        try (cursor) {
            ByteBuf pending = ctx.alloc().buffer(CHUNK_BYTES);
            CompositeByteBuf held = waitEnd ? ctx.alloc().compositeBuffer(Integer.MAX_VALUE) : null;
            try {
                format.writePrefix(cursor.header(), pending);
                for (Block b = cursor.next(); b != null; b = cursor.next()) {
                    format.writeBlock(b, pending);
                    resultRows += b.rows();
                    if (pending.readableBytes() >= CHUNK_BYTES) {
                        resultBytes += pending.readableBytes();
                        pending = emit(pending, held, cursor);
                    }
                }
                // after the data, as ClickHouse's output format takes them: totals, then extremes
                Block totals = cursor.totals();
                if (totals != null) format.writeTotals(totals, pending);
                Block extremes = cursor.extremes();
                if (extremes != null) format.writeExtremes(extremes, pending);
                format.writeSuffix(
                        new ResultStatistics(
                                (System.nanoTime() - start) / 1e9, cursor.rowsRead(), cursor.bytesRead(), -1),
                        pending);
                resultBytes += pending.readableBytes();
                if (held != null) {
                    held.addComponent(true, pending);
                    pending = null;
                    sendWhole(held, cursor, resultRows, resultBytes);
                    held = null;
                } else {
                    ByteBuf last = pending;
                    pending = null;
                    finish(last, cursor);
                }
            } finally {
                if (pending != null) pending.release();
                if (held != null) held.release();
            }
        } catch (RuntimeException e) {
            if (!headersSent) throw e;
            // the status line is gone: append the error as ClickHouse does, then close the connection
            io.proxist.core.error.ProxistException pe = ErrorResponses.of(e);
            ByteBuf text = ClickHouseHttpHandler.utf8("\n" + pe.toClickHouseText(identity.version()) + "\n");
            ctx.writeAndFlush(new DefaultLastHttpContent(compress ? frame(text) : text))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private ByteBuf emit(ByteBuf chunk, CompositeByteBuf held, BlockCursor cursor) {
        if (held != null) {
            held.addComponent(true, chunk);
        } else {
            if (!headersSent) sendHeaders(cursor);
            ChannelFuture f = ctx.writeAndFlush(new DefaultHttpContent(compress ? frame(chunk) : chunk));
            if (!ctx.channel().isWritable()) {
                f.syncUninterruptibly(); // backpressure: wait until the client took it
            }
            if (!ctx.channel().isActive()) {
                throw new io.proxist.core.error.ProxistException(
                        io.proxist.core.error.ErrorCode.QUERY_WAS_CANCELLED, "the client went away");
            }
        }
        return ctx.alloc().buffer(CHUNK_BYTES);
    }

    private void sendHeaders(BlockCursor cursor) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        common(r.headers(), format.contentType());
        r.headers().set("X-ClickHouse-Format", format.name());
        r.headers().set("X-ClickHouse-Summary", summary(cursor.rowsRead(), cursor.bytesRead(), 0, 0, 0, 0));
        progress(r.headers(), cursor);
        HttpUtil.setTransferEncodingChunked(r, true);
        if (keepAlive) r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        ctx.write(r);
        headersSent = true;
    }

    private void finish(ByteBuf last, BlockCursor cursor) {
        if (!headersSent) {
            // small result: one response with a length and a complete summary
            sendWhole(last, cursor, -1, -1);
            return;
        }
        ChannelFuture f = ctx.writeAndFlush(new DefaultLastHttpContent(compress ? frame(last) : last));
        if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }

    private void sendWhole(ByteBuf body, BlockCursor cursor, long resultRows, long resultBytes) {
        ByteBuf out = compress ? frame(body) : body;
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, out);
        common(r.headers(), format.contentType());
        r.headers().set("X-ClickHouse-Format", format.name());
        r.headers()
                .set(
                        "X-ClickHouse-Summary",
                        summary(
                                cursor.rowsRead(),
                                cursor.bytesRead(),
                                0,
                                0,
                                Math.max(0, resultRows),
                                Math.max(0, resultBytes)));
        progress(r.headers(), cursor);
        ClickHouseHttpHandler.send(ctx, r, keepAlive);
    }

    private void progress(HttpHeaders h, BlockCursor cursor) {
        if (progressHeaders) {
            h.set("X-ClickHouse-Progress", summary(cursor.rowsRead(), cursor.bytesRead(), 0, 0, 0, 0));
        }
    }

    private void common(HttpHeaders h, String contentType) {
        h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        h.set("X-ClickHouse-Server-Display-Name", identity.displayName());
        h.set("X-ClickHouse-Query-Id", queryId);
        h.set("X-ClickHouse-Timezone", identity.timeZone());
    }

    private static String summary(
            long readRows, long readBytes, long writtenRows, long writtenBytes, long resultRows, long resultBytes) {
        return "{\"read_rows\":\"" + readRows + "\",\"read_bytes\":\"" + readBytes + "\",\"written_rows\":\""
                + writtenRows
                + "\",\"written_bytes\":\"" + writtenBytes + "\",\"total_rows_to_read\":\"0\",\"result_rows\":\""
                + resultRows + "\",\"result_bytes\":\"" + resultBytes + "\",\"elapsed_ns\":\"0\"}";
    }

    /** The chunk as ClickHouse's native LZ4 frames; releases the input. */
    private static ByteBuf frame(ByteBuf plain) {
        try {
            return Unpooled.wrappedBuffer(
                    CompressedFrames.compress(ByteBufUtil.getBytes(plain), CompressionMethod.LZ4));
        } finally {
            plain.release();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
