package io.proxist.bench.formats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.type.DataType;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import io.proxist.formats.output.FormatSettings;
import io.proxist.formats.output.OutputFormat;
import io.proxist.formats.output.OutputFormats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one market-data block (symbol, nanosecond timestamp, sequence number, bid/ask prices and sizes) in the
 * formats a result leaves Proxist in: three through {@link OutputFormats} as the HTTP interface uses them, and
 * Native through {@link NativeBlockWriter} (revision 0, as over HTTP). The output buffer is reused, so the
 * allocation {@code -prof gc} reports is the encoder's own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Dchronicle.analytics.disable=true", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EncodeBench {
    @Param({"1024", "8192", "65536"})
    int rows;

    @Param({"TabSeparated", "RowBinary", "JSONEachRow", "Native"})
    String format;

    private Block block;
    private OutputFormat encoder;
    private ByteBuf out;

    @Setup
    public void setUp() {
        block = marketData(rows, 42);
        out = Unpooled.buffer(16 * 1024 * 1024);
        if (!format.equals("Native")) {
            encoder = OutputFormats.create(format, FormatSettings.DEFAULT);
            encoder.writePrefix(
                    Block.header(
                            block.names(),
                            block.columns().stream()
                                    .map(c -> Columns.empty(c.type()))
                                    .toList()),
                    out);
            out.clear();
        }
    }

    @TearDown
    public void tearDown() {
        out.release();
    }

    @Benchmark
    public int encode() {
        out.clear();
        if (encoder == null) {
            NativeBlockWriter.write(block, 0, out);
        } else {
            encoder.writeBlock(block, out);
        }
        return out.writerIndex();
    }

    /**
     * {@code rows} quotes of 500 symbols ({@code S0000}..{@code S0499}), a nanosecond clock advancing by a few
     * microseconds per row, prices in cents around 100 and whole sizes, all drawn from {@code seed}.
     */
    static Block marketData(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ByteArrayOutputStream symbols = new ByteArrayOutputStream(rows * 5);
        int[] offsets = new int[rows + 1];
        long[] ts = new long[rows];
        long[] seq = new long[rows];
        double[] bidPx = new double[rows];
        double[] bidSz = new double[rows];
        double[] askPx = new double[rows];
        double[] askSz = new double[rows];
        long clock = 1_700_000_000_000_000_000L;
        for (int i = 0; i < rows; i++) {
            symbols.writeBytes(String.format("S%04d", r.nextInt(500)).getBytes(StandardCharsets.US_ASCII));
            offsets[i + 1] = symbols.size();
            clock += r.nextLong(1, 10_000);
            ts[i] = clock;
            seq[i] = 1_000_000L + i;
            long bidCents = 9_000 + r.nextLong(2_000);
            bidPx[i] = bidCents / 100.0;
            askPx[i] = (bidCents + 1 + r.nextLong(5)) / 100.0;
            bidSz[i] = 100 * (1 + r.nextLong(50));
            askSz[i] = 100 * (1 + r.nextLong(50));
        }
        DataType f64 = DataType.of("Float64");
        List<Column> cols = List.of(
                new BytesColumn(DataType.of("String"), symbols.toByteArray(), offsets, rows),
                new LongColumn(DataType.parse("DateTime64(9, 'UTC')"), ts, rows),
                new LongColumn(DataType.of("UInt64"), seq, rows),
                new DoubleColumn(f64, bidPx, rows),
                new DoubleColumn(f64, bidSz, rows),
                new DoubleColumn(f64, askPx, rows),
                new DoubleColumn(f64, askSz, rows));
        return new Block(List.of("symbol", "ts", "seq", "bid_px", "bid_sz", "ask_px", "ask_sz"), cols, rows);
    }
}
