package io.proxist.protocol.compress;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.proxist.core.error.ProxistException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of both readers: valid streams with bytes flipped, inserted, deleted or cut off. Half
 * of the mutants get their checksums recomputed, so the header checks and the LZ4 and zstd decoders see hostile
 * input too. Every outcome must be a decode or a {@link ProxistException}: no other exception, no hang, no
 * exhaustion of memory.
 */
class FrameFuzzTest {
    private static final int ITERATIONS = 20_000;
    /** Small enough that no accepted claim can strain the test JVM. */
    private static final FrameLimits LIMITS = new FrameLimits(1 << 20, 8 << 20);

    @Test
    void mutatedStreamsDecodeOrFailWithAProxistException() {
        long seed = FrameFixtures.SEED;
        byte[][] corpus = corpus(new Random(seed));
        Map<String, Integer> outcomes = new TreeMap<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(seed);
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] mutant = mutate(random, corpus[random.nextInt(corpus.length)]);
                String outcome;
                try {
                    CompressedFrames.decompress(mutant, 0, mutant.length, LIMITS);
                    outcome = "decoded";
                } catch (ProxistException rejected) {
                    outcome = rejected.codeName();
                } catch (Throwable t) {
                    throw new AssertionError("seed=" + seed + " iteration=" + i + " mutant=" + hex(mutant), t);
                }
                outcomes.merge(outcome, 1, Integer::sum);
                if (i % 8 == 0) {
                    throughNetty(mutant, 1 + random.nextInt(512), "seed=" + seed + " iteration=" + i);
                }
            }
        });
        // The mutants must reach every check, not just the checksum.
        for (String expected : List.of(
                "decoded",
                "CHECKSUM_DOESNT_MATCH",
                "CANNOT_DECOMPRESS",
                "CANNOT_READ_ALL_DATA",
                "TOO_LARGE_SIZE_COMPRESSED",
                "UNKNOWN_COMPRESSION_METHOD")) {
            assertTrue(outcomes.getOrDefault(expected, 0) > 0, () -> "seed=" + seed + " outcomes=" + outcomes);
        }
    }

    /** Feeds the mutant in pieces; a ProxistException may come from a write or from the end of input. */
    private static void throughNetty(byte[] mutant, int piece, String context) {
        RecordingAllocator alloc = new RecordingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(LIMITS));
        channel.config().setAllocator(alloc);
        try {
            for (int pos = 0; pos < mutant.length; pos += piece) {
                channel.writeInbound(alloc.copyOf(mutant, pos, Math.min(piece, mutant.length - pos), false));
                drain(channel);
            }
        } catch (ProxistException rejected) {
            drain(channel);
        } catch (Throwable t) {
            throw new AssertionError(context + " piece=" + piece + " mutant=" + hex(mutant), t);
        }
        try {
            channel.finishAndReleaseAll();
        } catch (ProxistException truncated) {
            // the input ended inside a frame
        }
        alloc.assertAllReleased();
    }

    private static void drain(EmbeddedChannel channel) {
        for (ByteBuf b = channel.readInbound(); b != null; b = channel.readInbound()) {
            b.release();
        }
    }

    /** Valid streams of one to three frames of each method, small and large, compressible and not. */
    private static byte[][] corpus(Random random) {
        byte[][] corpus = new byte[24][];
        for (int i = 0; i < corpus.length; i++) {
            CompressionMethod method = CompressionMethod.values()[i % 3];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int frames = 1 + random.nextInt(3);
            for (int f = 0; f < frames; f++) {
                int size = random.nextInt(i < 12 ? 64 : 4096);
                byte[] data = random.nextBoolean()
                        ? FrameFixtures.textLike(random, size)
                        : FrameFixtures.randomBytes(random, size);
                out.writeBytes(new FrameEncoder(method).encode(data));
            }
            corpus[i] = out.toByteArray();
        }
        return corpus;
    }

    private static byte[] mutate(Random random, byte[] original) {
        byte[] m = original.clone();
        int mutations = 1 + random.nextInt(4);
        for (int k = 0; k < mutations; k++) {
            m = switch (random.nextInt(5)) {
                case 0 -> flip(random, m);
                case 1 -> insert(random, m);
                case 2 -> delete(random, m);
                case 3 -> Arrays.copyOf(m, m.length == 0 ? 0 : random.nextInt(m.length));
                default -> overwriteHeaderField(random, m);
            };
        }
        if (random.nextBoolean()) {
            for (int start : plausibleFrameStarts(m)) {
                FrameFixtures.rechecksum(m, start);
            }
        }
        return m;
    }

    private static byte[] flip(Random random, byte[] m) {
        if (m.length > 0) {
            m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return m;
    }

    private static byte[] insert(Random random, byte[] m) {
        int at = random.nextInt(m.length + 1);
        byte[] r = new byte[m.length + 1 + random.nextInt(8)];
        System.arraycopy(m, 0, r, 0, at);
        for (int i = at; i < at + r.length - m.length; i++) {
            r[i] = (byte) random.nextInt(256);
        }
        System.arraycopy(m, at, r, at + r.length - m.length, m.length - at);
        return r;
    }

    private static byte[] delete(Random random, byte[] m) {
        if (m.length == 0) {
            return m;
        }
        int at = random.nextInt(m.length);
        int n = Math.min(m.length - at, 1 + random.nextInt(8));
        byte[] r = new byte[m.length - n];
        System.arraycopy(m, 0, r, 0, at);
        System.arraycopy(m, at + n, r, at, m.length - at - n);
        return r;
    }

    /** Sets a size field of the first frame to an edge value. */
    private static byte[] overwriteHeaderField(Random random, byte[] m) {
        if (m.length < FrameDescriptor.PREFIX_LENGTH) {
            return m;
        }
        long[] edges = {0, 1, 8, 9, 10, 255, 65_536, 1 << 20, (8 << 20) + 1, 1L << 30, (1L << 31), 0xFFFF_FFFFL};
        int field = random.nextBoolean()
                ? FrameDescriptor.COMPRESSED_SIZE_OFFSET
                : FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET;
        FrameFixtures.putUint32(m, field, edges[random.nextInt(edges.length)]);
        return m;
    }

    /** Frame starts as a reader would walk them, as long as the headers parse. */
    private static int[] plausibleFrameStarts(byte[] m) {
        int[] starts = new int[8];
        int n = 0;
        for (int pos = 0; n < starts.length && m.length - pos >= FrameDescriptor.PREFIX_LENGTH; n++) {
            starts[n] = pos;
            long compressed = LittleEndian.getUint32(m, pos + FrameDescriptor.COMPRESSED_SIZE_OFFSET);
            if (compressed < FrameDescriptor.HEADER_LENGTH || compressed > m.length) {
                n++;
                break;
            }
            pos += FrameDescriptor.CHECKSUM_LENGTH + (int) compressed;
        }
        return Arrays.copyOf(starts, n);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
