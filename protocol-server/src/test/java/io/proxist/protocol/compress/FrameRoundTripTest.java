package io.proxist.protocol.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FrameRoundTripTest {
    enum Kind {
        RANDOM,
        ZEROS,
        TEXT
    }

    static Stream<Arguments> cases() {
        int[] sizes = {0, 1, 2, 9, 16, 255, 4096, 65_537, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 12_345};
        Stream.Builder<Arguments> b = Stream.builder();
        for (CompressionMethod m : CompressionMethod.values()) {
            for (Kind k : Kind.values()) {
                for (int size : sizes) {
                    b.add(Arguments.of(m, k, size));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("cases")
    void roundTrips(CompressionMethod method, Kind kind, int size) {
        long seed = FrameFixtures.SEED + size;
        byte[] data = data(kind, new Random(seed), size);

        byte[] frames = new FrameEncoder(method).encode(data);

        assertArrayEquals(data, CompressedFrames.decompress(frames), () -> "seed=" + seed);
        List<Integer> starts = FrameFixtures.frameStarts(frames);
        assertEquals((size + (1 << 20) - 1) / (1 << 20), starts.size(), () -> "seed=" + seed);
        for (int start : starts) {
            FrameHeader h = FrameHeader.read(frames, start, FrameLimits.DEFAULT);
            assertEquals(method, h.method());
            assertTrue(h.uncompressedSize() <= FrameDescriptor.DEFAULT_MAX_BLOCK_SIZE);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionMethod.class)
    void randomSizesUpToSeveralMiB(CompressionMethod method) {
        long seed = FrameFixtures.SEED ^ method.ordinal();
        Random random = new Random(seed);
        for (int i = 0; i < 6; i++) {
            int size = random.nextInt(6 << 20);
            int blockSize = 1 + random.nextInt(2 << 20);
            int zstdLevel = 1 + random.nextInt(5);
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            byte[] data = data(kind, random, size);
            byte[] frames = new FrameEncoder(method, blockSize, zstdLevel).encode(data);
            int fi = i;
            assertArrayEquals(
                    data,
                    CompressedFrames.decompress(frames),
                    () -> "seed=" + seed + " iteration=" + fi + " size=" + size + " block=" + blockSize + " " + kind);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionMethod.class)
    void blocksAreSplitAtTheMaxBlockSize(CompressionMethod method) {
        byte[] data = FrameFixtures.textLike(new Random(FrameFixtures.SEED), 10_000);
        byte[] frames = new FrameEncoder(method, 3000, FrameEncoder.DEFAULT_ZSTD_LEVEL).encode(data);

        List<Integer> starts = FrameFixtures.frameStarts(frames);
        assertEquals(4, starts.size());
        int[] sizes = starts.stream()
                .mapToInt(s -> FrameHeader.read(frames, s, FrameLimits.DEFAULT).uncompressedSize())
                .toArray();
        assertArrayEquals(new int[] {3000, 3000, 3000, 1000}, sizes);
        assertArrayEquals(data, CompressedFrames.decompress(frames));
    }

    @Test
    void compressibleDataShrinks() {
        byte[] zeros = new byte[4 << 20];
        assertTrue(new FrameEncoder(CompressionMethod.LZ4).encode(zeros).length < zeros.length / 100);
        assertTrue(new FrameEncoder(CompressionMethod.ZSTD).encode(zeros).length < zeros.length / 1000);
        assertEquals(zeros.length + 4 * 25, new FrameEncoder(CompressionMethod.NONE).encode(zeros).length);
    }

    @Test
    void zstdLevelChangesTheOutputNotTheContent() {
        byte[] data = FrameFixtures.textLike(new Random(FrameFixtures.SEED), 200_000);
        byte[] fast = new FrameEncoder(CompressionMethod.ZSTD, 1 << 20, 1).encode(data);
        byte[] strong = new FrameEncoder(CompressionMethod.ZSTD, 1 << 20, 19).encode(data);

        assertFalse(Arrays.equals(fast, strong));
        assertTrue(strong.length < fast.length);
        assertArrayEquals(data, CompressedFrames.decompress(strong));
    }

    @ParameterizedTest
    @EnumSource(CompressionMethod.class)
    void byteBufEncodingMatchesArrayEncoding(CompressionMethod method) {
        byte[] data = FrameFixtures.textLike(new Random(FrameFixtures.SEED), 300_000);
        FrameEncoder encoder = new FrameEncoder(method, 100_000, 3);
        byte[] expected = encoder.encode(data);
        RecordingAllocator alloc = new RecordingAllocator();
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuf src = alloc.copyOf(data, 0, data.length, direct);
            src.readerIndex(0);
            ByteBuf out = encoder.encode(src, alloc);
            try {
                assertEquals(0, src.readerIndex(), "source indices untouched");
                assertArrayEquals(expected, ByteBufUtil.getBytes(out), "direct=" + direct);
            } finally {
                assertTrue(out.release());
                assertTrue(src.release());
            }
        }
        alloc.assertAllReleased();
    }

    @ParameterizedTest
    @EnumSource(CompressionMethod.class)
    void anExplicitEmptyFrameDecodesToNothing(CompressionMethod method) {
        FrameEncoder encoder = new FrameEncoder(method);
        byte[] frame = new byte[encoder.maxFrameLength(0)];
        int length = encoder.encodeFrame(new byte[0], 0, 0, frame, 0);

        assertEquals(0, CompressedFrames.decompress(Arrays.copyOf(frame, length)).length);
        assertEquals(0, new FrameEncoder(method).encode(new byte[0]).length, "empty input writes no frame");
    }

    @Test
    void encoderArgumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(CompressionMethod.LZ4, 0, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new FrameEncoder(CompressionMethod.LZ4, FrameEncoder.MAX_BLOCK_SIZE + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(CompressionMethod.ZSTD, 1024, 99));
        assertThrows(NullPointerException.class, () -> new FrameEncoder(null));
        assertThrows(IndexOutOfBoundsException.class, () -> new FrameEncoder(CompressionMethod.LZ4)
                .encode(new byte[4], 2, 3));
    }

    static byte[] data(Kind kind, Random random, int size) {
        return switch (kind) {
            case RANDOM -> FrameFixtures.randomBytes(random, size);
            case ZEROS -> new byte[size];
            case TEXT -> FrameFixtures.textLike(random, size);
        };
    }
}
