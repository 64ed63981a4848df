package io.proxist.protocol.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FrameDecoder} in an {@link EmbeddedChannel}: however the stream is cut, the same buffers come out. */
class FrameDecoderTest {
    private RecordingAllocator alloc;
    private FrameDecoder decoder;
    private EmbeddedChannel channel;

    /** A stream of frames of every method and assorted sizes, and what each frame holds. */
    private byte[] stream;

    private List<byte[]> contents;

    @BeforeEach
    void setUp() {
        alloc = new RecordingAllocator();
        decoder = new FrameDecoder();
        channel = new EmbeddedChannel(decoder);
        channel.config().setAllocator(alloc);

        Random random = new Random(FrameFixtures.SEED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        contents = new ArrayList<>();
        int[] sizes = {1, 0, 300, 17, 40_000, 3, 25_000, 1, 9_000};
        for (int i = 0; i < sizes.length; i++) {
            CompressionMethod method = CompressionMethod.values()[i % 3];
            byte[] data =
                    i % 2 == 0 ? FrameFixtures.textLike(random, sizes[i]) : FrameFixtures.randomBytes(random, sizes[i]);
            FrameEncoder encoder = new FrameEncoder(method, Math.max(1, sizes[i]), 3);
            byte[] frame = new byte[encoder.maxFrameLength(sizes[i])];
            out.write(frame, 0, encoder.encodeFrame(data, 0, data.length, frame, 0));
            contents.add(data);
        }
        stream = out.toByteArray();
    }

    @Test
    void wholeStreamAtOnce() {
        assertTrue(channel.writeInbound(alloc.copyOf(stream, 0, stream.length, false)));
        assertDecodesToContents();
    }

    @Test
    void oneByteAtATime() {
        for (int i = 0; i < stream.length; i++) {
            channel.writeInbound(alloc.copyOf(stream, i, 1, false));
        }
        assertDecodesToContents();
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void splitAtRandomPoints(boolean direct) {
        long seed = FrameFixtures.SEED + (direct ? 1 : 0);
        Random random = new Random(seed);
        for (int run = 0; run < 20; run++) {
            if (run > 0) {
                setUp();
            }
            List<Integer> cuts = new ArrayList<>();
            for (int pos = 0; pos < stream.length; ) {
                int piece = 1 + random.nextInt(random.nextBoolean() ? 40 : 20_000);
                int len = Math.min(piece, stream.length - pos);
                channel.writeInbound(alloc.copyOf(stream, pos, len, direct));
                pos += len;
                cuts.add(pos);
            }
            int frun = run;
            assertDecodesToContents(() -> "seed=" + seed + " run=" + frun + " cuts=" + cuts);
        }
    }

    @Test
    void aFrameComesOutAsSoonAsItIsComplete() {
        int firstLength = FrameHeader.read(stream, 0, FrameLimits.DEFAULT).frameLength();
        channel.writeInbound(alloc.copyOf(stream, 0, firstLength + 30, false));

        ByteBuf first = channel.readInbound();
        assertArrayEquals(contents.get(0), release(first));
        assertNull(channel.readInbound());
        assertEquals(FrameDecoder.State.READ_FRAME, decoder.state());

        channel.writeInbound(alloc.copyOf(stream, firstLength + 30, stream.length - firstLength - 30, false));
        assertEquals(FrameDecoder.State.READ_PREFIX, decoder.state());
        List<byte[]> rest = readAll();
        assertEquals(contents.size() - 1, rest.size());
        assertFalse(channel.finishAndReleaseAll());
        alloc.assertAllReleased();
    }

    @Test
    void afterAFailureLaterInputIsDropped() {
        byte[] bad = stream.clone();
        bad[FrameDescriptor.METHOD_OFFSET] = 0x00;

        ProxistException e = assertThrows(
                ProxistException.class, () -> channel.writeInbound(alloc.copyOf(bad, 0, bad.length, false)));
        assertEquals(ErrorCode.UNKNOWN_COMPRESSION_METHOD, e.code());
        assertEquals(FrameDecoder.State.DISCARD, decoder.state());

        assertFalse(channel.writeInbound(alloc.copyOf(stream, 0, stream.length, false)));
        assertNull(channel.readInbound());
        assertFalse(channel.finishAndReleaseAll());
        alloc.assertAllReleased();
    }

    @Test
    void aClaimOf2GiBFailsOnItsPrefixWithoutAllocatingIt() {
        byte[] prefix = java.util.Arrays.copyOf(stream, FrameDescriptor.PREFIX_LENGTH);
        FrameFixtures.putUint32(prefix, FrameDescriptor.COMPRESSED_SIZE_OFFSET, 0x8000_0000L);

        ProxistException e = assertThrows(
                ProxistException.class, () -> channel.writeInbound(alloc.copyOf(prefix, 0, prefix.length, false)));

        assertEquals(ErrorCode.TOO_LARGE_SIZE_COMPRESSED, e.code());
        assertEquals("compressed frame size: 2147483648 (expected: <= 1073741824)", e.getMessage());
        assertTrue(alloc.largestRequest() < 1024, "largest allocation " + alloc.largestRequest());
        assertFalse(channel.finishAndReleaseAll());
        alloc.assertAllReleased();
    }

    @Test
    void anAllowedButUnbackedClaimOf1GiBWaitsWithoutAllocatingThenFailsAsTruncated() {
        byte[] prefix = java.util.Arrays.copyOf(stream, 200);
        FrameFixtures.putUint32(prefix, FrameDescriptor.COMPRESSED_SIZE_OFFSET, FrameDescriptor.MAX_COMPRESSED_SIZE);
        FrameFixtures.putUint32(prefix, FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET, FrameDescriptor.MAX_COMPRESSED_SIZE);
        for (int i = 0; i < prefix.length; i += 10) {
            assertFalse(channel.writeInbound(alloc.copyOf(prefix, i, 10, false)));
        }
        assertEquals(FrameDecoder.State.READ_FRAME, decoder.state());
        assertTrue(alloc.largestRequest() < 4096, "largest allocation " + alloc.largestRequest());

        ProxistException e = assertThrows(ProxistException.class, channel::finishAndReleaseAll);
        assertEquals(ErrorCode.CANNOT_READ_ALL_DATA, e.code());
        assertEquals(
                "truncated compressed frame [available=200, expected=" + (16 + FrameDescriptor.MAX_COMPRESSED_SIZE)
                        + "]",
                e.getMessage());
        alloc.assertAllReleased();
    }

    @Test
    void aStreamEndingInsideAPrefixIsTruncated() {
        int firstLength = FrameHeader.read(stream, 0, FrameLimits.DEFAULT).frameLength();
        channel.writeInbound(alloc.copyOf(stream, 0, firstLength + 7, false));
        assertArrayEquals(contents.get(0), release(channel.readInbound()));

        ProxistException e = assertThrows(ProxistException.class, channel::finishAndReleaseAll);
        assertEquals(ErrorCode.CANNOT_READ_ALL_DATA, e.code());
        assertEquals("truncated compressed frame [available=7, expected=25]", e.getMessage());
        alloc.assertAllReleased();
    }

    @Test
    void limitsAreTheDecodersOwn() {
        assertFalse(channel.finishAndReleaseAll());
        channel = new EmbeddedChannel(new FrameDecoder(new FrameLimits(1000, 1 << 20)));
        channel.config().setAllocator(alloc);
        byte[] frames = new FrameEncoder(CompressionMethod.NONE).encode(new byte[2000]);

        ProxistException e = assertThrows(
                ProxistException.class, () -> channel.writeInbound(alloc.copyOf(frames, 0, frames.length, false)));

        assertEquals(ErrorCode.TOO_LARGE_SIZE_COMPRESSED, e.code());
        assertEquals("compressed frame size: 2009 (expected: <= 1000)", e.getMessage());
        assertFalse(channel.finishAndReleaseAll());
        alloc.assertAllReleased();
    }

    private void assertDecodesToContents() {
        assertDecodesToContents(() -> "seed=" + FrameFixtures.SEED);
    }

    private void assertDecodesToContents(java.util.function.Supplier<String> context) {
        List<byte[]> out = readAll();
        assertEquals(contents.size(), out.size(), context);
        for (int i = 0; i < out.size(); i++) {
            assertArrayEquals(contents.get(i), out.get(i), context);
        }
        assertFalse(channel.finishAndReleaseAll(), context);
        assertEquals(FrameDecoder.State.READ_PREFIX, decoder.state());
        alloc.assertAllReleased();
    }

    private List<byte[]> readAll() {
        List<byte[]> out = new ArrayList<>();
        for (ByteBuf b = channel.readInbound(); b != null; b = channel.readInbound()) {
            out.add(release(b));
        }
        return out;
    }

    /**
     * The buffer's bytes; checks the caller got the only reference, and releases it. An empty frame comes out as
     * the allocator's shared empty buffer, which has no reference count to drop.
     */
    static byte[] release(ByteBuf b) {
        assertEquals(1, b.refCnt());
        byte[] bytes = ByteBufUtil.getBytes(b);
        boolean released = b.release();
        if (b.capacity() > 0) {
            assertTrue(released);
            assertEquals(0, b.refCnt());
        }
        return bytes;
    }
}
