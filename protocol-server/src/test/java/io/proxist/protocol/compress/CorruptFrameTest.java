package io.proxist.protocol.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of damage to the second frame of a two-frame stream, through both readers: the whole-array
 * {@link CompressedFrames#decompress} and the Netty {@link FrameDecoder} (which first emits the intact frame).
 */
class CorruptFrameTest {
    enum Damage {
        FLIP_CHECKSUM_BIT(ErrorCode.CHECKSUM_DOESNT_MATCH),
        FLIP_PAYLOAD_BIT(ErrorCode.CHECKSUM_DOESNT_MATCH),
        FLIP_SIZE_BIT(ErrorCode.CHECKSUM_DOESNT_MATCH),
        UNKNOWN_METHOD(ErrorCode.UNKNOWN_COMPRESSION_METHOD),
        COMPRESSED_SIZE_2_GIB(ErrorCode.TOO_LARGE_SIZE_COMPRESSED),
        COMPRESSED_SIZE_BELOW_HEADER(ErrorCode.CANNOT_DECOMPRESS),
        UNCOMPRESSED_SIZE_4_GIB(ErrorCode.TOO_LARGE_SIZE_COMPRESSED),
        UNCOMPRESSED_SIZE_PLUS_ONE(ErrorCode.CANNOT_DECOMPRESS),
        UNCOMPRESSED_SIZE_MINUS_ONE(ErrorCode.CANNOT_DECOMPRESS),
        UNCOMPRESSED_SIZE_HUGE(ErrorCode.CANNOT_DECOMPRESS),
        GARBAGE_PAYLOAD(ErrorCode.CANNOT_DECOMPRESS),
        TRUNCATED_PAYLOAD(ErrorCode.CANNOT_READ_ALL_DATA),
        TRUNCATED_PREFIX(ErrorCode.CANNOT_READ_ALL_DATA);

        final ErrorCode expected;

        Damage(ErrorCode expected) {
            this.expected = expected;
        }
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (CompressionMethod m : CompressionMethod.values()) {
            for (Damage d : Damage.values()) {
                // Random bytes are a valid NONE payload; a huge size cannot match a NONE payload's length.
                if (m != CompressionMethod.NONE || d != Damage.GARBAGE_PAYLOAD) {
                    b.add(Arguments.of(m, d));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void wholeArrayReaderReportsTheDamage(CompressionMethod method, Damage damage) {
        byte[] stream = damaged(method, damage);

        ProxistException e = assertThrows(ProxistException.class, () -> CompressedFrames.decompress(stream));

        assertEquals(damage.expected, e.code(), e::getMessage);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void nettyDecoderEmitsTheIntactFrameThenReportsTheDamage(CompressionMethod method, Damage damage) {
        byte[] stream = damaged(method, damage);
        RecordingAllocator alloc = new RecordingAllocator();
        FrameDecoder decoder = new FrameDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channel.config().setAllocator(alloc);

        ProxistException e;
        if (damage.expected == ErrorCode.CANNOT_READ_ALL_DATA) {
            assertTrue(channel.writeInbound(alloc.copyOf(stream, 0, stream.length, false)));
            assertArrayEquals(first(), FrameDecoderTest.release(channel.readInbound()));
            e = assertThrows(ProxistException.class, channel::finishAndReleaseAll);
        } else {
            e = assertThrows(
                    ProxistException.class, () -> channel.writeInbound(alloc.copyOf(stream, 0, stream.length, false)));
            assertArrayEquals(first(), FrameDecoderTest.release(channel.readInbound()));
            assertNull(channel.readInbound());
            assertEquals(FrameDecoder.State.DISCARD, decoder.state());
            assertFalse(channel.finishAndReleaseAll());
        }

        assertEquals(damage.expected, e.code(), e::getMessage);
        alloc.assertAllReleased();
    }

    @Test
    void messagesCarryTheirContext() {
        byte[] flipped = frames(CompressionMethod.LZ4);
        flipped[3] ^= 0x01;
        assertTrue(
                message(flipped)
                        .matches("checksum mismatch \\[expected=[0-9a-f]{32}, actual=[0-9a-f]{32}, "
                                + "compressedSize=\\d+]"),
                message(flipped));

        byte[] unknown = frames(CompressionMethod.LZ4);
        unknown[FrameDescriptor.METHOD_OFFSET] = (byte) 0x91;
        assertEquals("unknown compression method [byte=0x91]", message(unknown));

        byte[] truncated = Arrays.copyOf(frames(CompressionMethod.NONE), 30);
        assertEquals(
                "truncated compressed frame [offset=0, available=30, expected=" + (25 + first().length) + "]",
                message(truncated));

        byte[] wrongSize = frames(CompressionMethod.NONE);
        FrameFixtures.putUint32(wrongSize, FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET, first().length + 1L);
        FrameFixtures.rechecksum(wrongSize, 0);
        assertEquals(
                "cannot decompress frame: payload length differs from uncompressed size [method=NONE, compressedSize="
                        + (9 + first().length) + ", uncompressedSize=" + (first().length + 1) + "]",
                message(wrongSize));
    }

    @Test
    void aWholeArrayOfFramesClaiming2GiBFailsWithoutAllocatingIt() {
        byte[] prefix = Arrays.copyOf(frames(CompressionMethod.LZ4), FrameDescriptor.PREFIX_LENGTH);
        FrameFixtures.putUint32(prefix, FrameDescriptor.COMPRESSED_SIZE_OFFSET, 0x8000_0000L);
        FrameFixtures.putUint32(prefix, FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET, 0xFFFF_FFFFL);

        ProxistException e = assertThrows(ProxistException.class, () -> CompressedFrames.decompress(prefix));

        assertEquals(ErrorCode.TOO_LARGE_SIZE_COMPRESSED, e.code());
        assertEquals("compressed frame size: 2147483648 (expected: <= 1073741824)", e.getMessage());
    }

    @Test
    void tighterLimitsApply() {
        byte[] frames = new FrameEncoder(CompressionMethod.ZSTD).encode(new byte[5000]);

        ProxistException e = assertThrows(
                ProxistException.class,
                () -> CompressedFrames.decompress(frames, 0, frames.length, new FrameLimits(1 << 20, 4999)));

        assertEquals(ErrorCode.TOO_LARGE_SIZE_COMPRESSED, e.code());
        assertEquals("uncompressed frame size: 5000 (expected: <= 4999)", e.getMessage());
        assertArrayEquals(
                new byte[5000], CompressedFrames.decompress(frames, 0, frames.length, new FrameLimits(1 << 20, 5000)));
    }

    @Test
    void everyTruncationOfAStreamIsReportedOrEndsOnAFrameBoundary() {
        byte[] stream = frames(CompressionMethod.LZ4);
        int boundary = FrameHeader.read(stream, 0, FrameLimits.DEFAULT).frameLength();
        for (int len = 0; len < stream.length; len++) {
            int fLen = len;
            if (len == 0 || len == boundary) {
                assertEquals(
                        len == 0 ? 0 : first().length,
                        CompressedFrames.decompress(stream, 0, len, FrameLimits.DEFAULT).length);
            } else {
                ProxistException e = assertThrows(
                        ProxistException.class,
                        () -> CompressedFrames.decompress(stream, 0, fLen, FrameLimits.DEFAULT),
                        () -> "length " + fLen);
                assertEquals(ErrorCode.CANNOT_READ_ALL_DATA, e.code());
            }
        }
    }

    private static String message(byte[] stream) {
        return assertThrows(ProxistException.class, () -> CompressedFrames.decompress(stream))
                .getMessage();
    }

    private static byte[] first() {
        return FrameFixtures.textLike(new Random(FrameFixtures.SEED), 3000);
    }

    private static byte[] second() {
        return FrameFixtures.textLike(new Random(FrameFixtures.SEED + 1), 5000);
    }

    /** Two frames: {@link #first()} and {@link #second()}. */
    private static byte[] frames(CompressionMethod method) {
        FrameEncoder encoder = new FrameEncoder(method);
        byte[] a = encoder.encode(first());
        byte[] b = encoder.encode(second());
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] damaged(CompressionMethod method, Damage damage) {
        byte[] s = frames(method);
        int f = FrameHeader.read(s, 0, FrameLimits.DEFAULT).frameLength();
        FrameHeader second = FrameHeader.read(s, f, FrameLimits.DEFAULT);
        int payload = f + FrameDescriptor.PAYLOAD_OFFSET;
        switch (damage) {
            case FLIP_CHECKSUM_BIT -> s[f + 11] ^= 0x20;
            case FLIP_PAYLOAD_BIT -> s[payload + second.payloadLength() / 2] ^= 0x04;
            case FLIP_SIZE_BIT -> s[f + FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET] ^= 0x01;
            case UNKNOWN_METHOD -> s[f + FrameDescriptor.METHOD_OFFSET] = (byte) 0x91;
            case COMPRESSED_SIZE_2_GIB ->
                FrameFixtures.putUint32(s, f + FrameDescriptor.COMPRESSED_SIZE_OFFSET, 1L << 31);
            case COMPRESSED_SIZE_BELOW_HEADER ->
                FrameFixtures.putUint32(s, f + FrameDescriptor.COMPRESSED_SIZE_OFFSET, 8);
            case UNCOMPRESSED_SIZE_4_GIB ->
                FrameFixtures.putUint32(s, f + FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET, 0xFFFF_FFFFL);
            case UNCOMPRESSED_SIZE_PLUS_ONE -> resize(s, f, second.uncompressedSize() + 1L);
            case UNCOMPRESSED_SIZE_MINUS_ONE -> resize(s, f, second.uncompressedSize() - 1L);
            case UNCOMPRESSED_SIZE_HUGE -> resize(s, f, 1L << 30);
            case GARBAGE_PAYLOAD -> {
                byte[] garbage = FrameFixtures.randomBytes(new Random(FrameFixtures.SEED), second.payloadLength());
                System.arraycopy(garbage, 0, s, payload, garbage.length);
                FrameFixtures.rechecksum(s, f);
            }
            case TRUNCATED_PAYLOAD -> s = Arrays.copyOf(s, s.length - 1);
            case TRUNCATED_PREFIX -> s = Arrays.copyOf(s, f + FrameDescriptor.PREFIX_LENGTH - 1);
        }
        return s;
    }

    /** Declares another uncompressed size, with a checksum that matches, so the payload check must catch it. */
    private static void resize(byte[] s, int frameStart, long uncompressedSize) {
        FrameFixtures.putUint32(s, frameStart + FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET, uncompressedSize);
        FrameFixtures.rechecksum(s, frameStart);
    }
}
