package io.proxist.bench.tcp;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.type.DataType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A block of quotes with the scalar columns of {@code schemas/ddl/010_market_data.sql}, in its order, as Proxist
 * holds them: the LowCardinality(String) columns materialised (so written as plain String), the DateTime64(9)
 * columns as UTC nanoseconds. The four depth-level Array(Float64) columns are left out.
 *
 * <p>Drawn from a seed: 500 symbols of 1 to 5 capital letters, a few far more active than the rest (the index is
 * the square of a uniform draw); 12 venue codes; a price random walk per symbol in cents with a spread of 1 to 5
 * cents; sizes in round lots; a trade print on about one quote in ten (else last_px and last_sz are 0, the
 * table's default); a nanosecond clock advancing 1 ns to 10 µs per quote; a receive time 20 to 500 µs later.
 */
final class MarketDataBlock {
    static final List<String> NAMES = List.of(
            "symbol",
            "ts",
            "seq",
            "exchange",
            "bid_px",
            "bid_sz",
            "ask_px",
            "ask_sz",
            "last_px",
            "last_sz",
            "recv_ts",
            "version",
            "source",
            "environment");

    private static final String[] VENUES = {
        "XNAS", "XNYS", "ARCX", "BATS", "BATY", "EDGA", "EDGX", "IEXG", "MEMX", "XBOS", "XPHL", "XCHI"
    };
    private static final int SYMBOLS = 500;

    private MarketDataBlock() {}

    static Block generate(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] symbols = new String[SYMBOLS];
        long[] midCents = new long[SYMBOLS];
        for (int s = 0; s < SYMBOLS; s++) {
            char[] name = new char[1 + r.nextInt(5)];
            for (int i = 0; i < name.length; i++) name[i] = (char) ('A' + r.nextInt(26));
            symbols[s] = new String(name);
            midCents[s] = 500 + r.nextLong(50_000);
        }
        Strings symbol = new Strings(rows, 4);
        Strings exchange = new Strings(rows, 4);
        Strings source = new Strings(rows, 6);
        Strings environment = new Strings(rows, 4);
        long[] ts = new long[rows];
        long[] seq = new long[rows];
        long[] recvTs = new long[rows];
        long[] version = new long[rows];
        double[] bidPx = new double[rows];
        double[] bidSz = new double[rows];
        double[] askPx = new double[rows];
        double[] askSz = new double[rows];
        double[] lastPx = new double[rows];
        double[] lastSz = new double[rows];
        long clock = 1_700_000_000_000_000_000L;
        long sequence = 9_000_000_000L;
        for (int i = 0; i < rows; i++) {
            double u = r.nextDouble();
            int s = (int) (u * u * SYMBOLS);
            symbol.add(symbols[s]);
            clock += r.nextLong(1, 10_000);
            ts[i] = clock;
            seq[i] = ++sequence;
            exchange.add(VENUES[r.nextInt(VENUES.length)]);
            midCents[s] = Math.max(100, midCents[s] + r.nextLong(-3, 4));
            long spread = 1 + r.nextLong(5);
            long bid = midCents[s] - spread / 2;
            bidPx[i] = bid / 100.0;
            askPx[i] = (bid + spread) / 100.0;
            bidSz[i] = 100 * (1 + r.nextLong(50));
            askSz[i] = 100 * (1 + r.nextLong(50));
            if (r.nextInt(10) == 0) {
                lastPx[i] = (r.nextBoolean() ? bid : bid + spread) / 100.0;
                lastSz[i] = 100 * (1 + r.nextLong(10));
            }
            recvTs[i] = clock + r.nextLong(20_000, 500_000);
            version[i] = sequence;
            source.add(r.nextInt(4) == 0 ? "feed-b" : "feed-a");
            environment.add("prod");
        }
        DataType nanos = DataType.parse("DateTime64(9, 'UTC')");
        DataType u64 = DataType.of("UInt64");
        DataType f64 = DataType.of("Float64");
        List<Column> cols = List.of(
                symbol.column(),
                new LongColumn(nanos, ts, rows),
                new LongColumn(u64, seq, rows),
                exchange.column(),
                new DoubleColumn(f64, bidPx, rows),
                new DoubleColumn(f64, bidSz, rows),
                new DoubleColumn(f64, askPx, rows),
                new DoubleColumn(f64, askSz, rows),
                new DoubleColumn(f64, lastPx, rows),
                new DoubleColumn(f64, lastSz, rows),
                new LongColumn(nanos, recvTs, rows),
                new LongColumn(u64, version, rows),
                source.column(),
                environment.column());
        return new Block(NAMES, cols, rows);
    }

    /** A String column being filled. */
    private static final class Strings {
        private final ByteArrayOutputStream data;
        private final int[] offsets;
        private int size;

        Strings(int rows, int typicalLength) {
            data = new ByteArrayOutputStream(rows * typicalLength);
            offsets = new int[rows + 1];
        }

        void add(String s) {
            data.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            offsets[++size] = data.size();
        }

        BytesColumn column() {
            return new BytesColumn(DataType.of("String"), data.toByteArray(), offsets, size);
        }
    }
}
