package io.proxist.bench.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.formats.io.ByteBufInput;
import io.proxist.formats.io.ByteInput;
import io.proxist.formats.nativeformat.NativeBlockReader;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import io.proxist.formats.nativeformat.NativeLimits;
import io.proxist.protocol.compress.CompressionMethod;
import io.proxist.protocol.compress.FrameEncoder;
import io.proxist.protocol.compress.FrameInput;
import io.proxist.protocol.compress.FrameLimits;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 65,536-row {@link MarketDataBlock} through the native protocol's Data-packet body, both ways, as
 * {@code NativeSession} does it at revision 54460 (BlockInfo and the custom-serialization flag present):
 *
 * <ul>
 *   <li>encode: {@link NativeBlockWriter} into a reused heap buffer, then, when compressed, {@link FrameEncoder}
 *       (1 MiB frames, zstd level 1) into a buffer of {@link ByteBufAllocator#DEFAULT}, the allocator of the
 *       server's channels, released at once;
 *   <li>decode: a {@link ByteBufInput} over the bytes, a {@link FrameInput} over it when compressed (one for the
 *       whole run, reset per block, as the server keeps one per connection), and {@link NativeBlockReader#next()}.
 * </ul>
 *
 * <p>{@code compression}: {@code uncompressed} is the block alone; {@code NONE}, {@code LZ4} and {@code ZSTD} are
 * frames of that method (NONE: checksummed frames holding the bytes as they are). Scores are rows/s (one
 * operation is one row, {@link OperationsPerInvocation}); {@code -prof gc}'s {@code gc.alloc.rate.norm} is then
 * bytes allocated per row (times 65,536 for the block).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(NativeBlockBench.ROWS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Dchronicle.analytics.disable=true", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NativeBlockBench {
    static final int ROWS = 65_536;
    /** The revision Proxist advertises and a current client negotiates. */
    static final int REVISION = 54460;

    static final int MAX_FRAME = 1 << 20;
    static final int ZSTD_LEVEL = 1;

    @Param({"uncompressed", "NONE", "LZ4", "ZSTD"})
    String compression;

    private Block block;
    private FrameEncoder encoder;
    private ByteBuf body;
    private ByteBuf wire;

    @Setup
    public void setUp() {
        block = MarketDataBlock.generate(ROWS, 42);
        encoder = compression.equals("uncompressed")
                ? null
                : new FrameEncoder(CompressionMethod.valueOf(compression), MAX_FRAME, ZSTD_LEVEL);
        body = Unpooled.buffer(16 << 20);
        NativeBlockWriter.write(block, REVISION, body);
        int plain = body.readableBytes();
        wire = Unpooled.buffer(plain + 1024);
        if (encoder == null) {
            wire.writeBytes(body);
        } else {
            ByteBuf frames = encoder.encode(body, ByteBufAllocator.DEFAULT);
            wire.writeBytes(frames);
            frames.release();
        }
        Block back = decode();
        if (back.rows() != ROWS || back.columnCount() != block.columnCount() || wire.isReadable()) {
            throw new IllegalStateException("the block does not decode to itself [rows=" + back.rows() + ", columns="
                    + back.columnCount() + ", left=" + wire.readableBytes() + "]");
        }
        System.out.printf(
                Locale.ROOT,
                "%n[NativeBlockBench] %s: block %,d bytes, on the wire %,d bytes (%.1f B/row, ratio %.2f)%n",
                compression,
                plain,
                wire.writerIndex(),
                (double) wire.writerIndex() / ROWS,
                (double) plain / wire.writerIndex());
    }

    @TearDown
    public void tearDown() {
        body.release();
        wire.release();
    }

    @Benchmark
    public int encode() {
        body.clear();
        NativeBlockWriter.write(block, REVISION, body);
        if (encoder == null) {
            return body.writerIndex();
        }
        ByteBuf frames = encoder.encode(body, ByteBufAllocator.DEFAULT);
        int n = frames.readableBytes();
        frames.release();
        return n;
    }

    private ByteInput wireInput;
    private FrameInput frameInput;

    @Benchmark
    public Block decode() {
        wire.readerIndex(0);
        if (wireInput == null) {
            wireInput = new ByteBufInput(wire);
            frameInput = new FrameInput(wireInput, FrameLimits.DEFAULT);
        }
        ByteInput in = wireInput;
        if (encoder != null) {
            frameInput.reset();
            in = frameInput;
        }
        return new NativeBlockReader(in, REVISION, NativeLimits.DEFAULT).next();
    }
}
