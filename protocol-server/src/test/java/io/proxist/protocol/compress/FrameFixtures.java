package io.proxist.protocol.compress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test data and frame surgery shared by the tests of this package. */
final class FrameFixtures {
    /** Seed of the random tests; set {@code -Dproxist.test.seed=N} to replay another run. */
    static final long SEED = Long.getLong("proxist.test.seed", 0x5EED_C0DEL);

    private FrameFixtures() {}

    static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** Text-like bytes: random words from a small vocabulary, well compressible but not trivially. */
    static byte[] textLike(Random random, int length) {
        String[] words = {"alpha", "beta", "gamma", "delta", "\t", "\n", "2024-01-01", "0.25", "ClickHouse", "x"};
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(100));
        }
        return sb.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    /** Where each frame of a well-formed stream starts. */
    static List<Integer> frameStarts(byte[] frames) {
        List<Integer> starts = new ArrayList<>();
        for (int pos = 0; pos < frames.length; ) {
            starts.add(pos);
            pos += FrameHeader.read(frames, pos, FrameLimits.DEFAULT).frameLength();
        }
        return starts;
    }

    /**
     * Rewrites the checksum of the frame at {@code frameStart} to match its bytes as they are now (as far as its
     * header's compressed size reaches inside the array), so a test reaches the checks behind the checksum.
     */
    static void rechecksum(byte[] frames, int frameStart) {
        int headerStart = frameStart + FrameDescriptor.HEADER_OFFSET;
        if (frames.length < frameStart + FrameDescriptor.PREFIX_LENGTH) {
            return;
        }
        long declared = LittleEndian.getUint32(frames, frameStart + FrameDescriptor.COMPRESSED_SIZE_OFFSET);
        int length = (int) Math.min(declared, frames.length - headerStart);
        FrameChecksum.writeTo(FrameChecksum.compute(frames, headerStart, length), frames, frameStart);
    }

    static void putUint32(byte[] frames, int index, long value) {
        LittleEndian.putInt(frames, index, (int) value);
    }
}
