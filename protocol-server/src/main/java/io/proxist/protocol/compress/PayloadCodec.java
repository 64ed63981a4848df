package io.proxist.protocol.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Compresses and decompresses one frame's payload with its method. Stateless and thread-safe. Decompression
 * always uses bounds-checked decoders (LZ4's safe decompressor, zstd's single-shot decompression into a buffer
 * of the declared size), so hostile payloads end in CANNOT_DECOMPRESS.
 */
final class PayloadCodec {
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor LZ4_COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4SafeDecompressor LZ4_DECOMPRESSOR = LZ4.safeDecompressor();

    /**
     * An LZ4 sequence writes at most 255 bytes per input byte (a 255 match-length extension byte); literal runs
     * write one per byte. So a payload of n bytes never decompresses to more than 255 * n bytes.
     */
    private static final int LZ4_MAX_RATIO = 255;

    /** zstd's ZSTD_CONTENTSIZE_UNKNOWN: a frame that does not declare its content size. */
    private static final long ZSTD_CONTENT_SIZE_UNKNOWN = -1;

    /** How many zstd frames of one payload have their declared content sizes checked before decompression. */
    private static final int ZSTD_FRAMES_CHECKED = 64;

    private PayloadCodec() {}

    /** The most bytes {@link #compress} may write for {@code length} input bytes. */
    static long maxCompressedLength(CompressionMethod method, int length) {
        return switch (method) {
            case LZ4 -> LZ4_COMPRESSOR.maxCompressedLength(length);
            case ZSTD -> Zstd.compressBound(length);
            case NONE -> length;
        };
    }

    /**
     * Compresses {@code src[off, off + len)} into at most {@code dstLen} bytes of {@code dst} from {@code dstOff}
     * ({@code dstLen} at least {@link #maxCompressedLength}); returns the bytes written.
     */
    static int compress(
            CompressionMethod method, int zstdLevel, byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen) {
        return switch (method) {
            case LZ4 -> LZ4_COMPRESSOR.compress(src, off, len, dst, dstOff, dstLen);
            case ZSTD -> (int) Zstd.compressByteArray(dst, dstOff, dstLen, src, off, len, zstdLevel);
            case NONE -> {
                System.arraycopy(src, off, dst, dstOff, len);
                yield len;
            }
        };
    }

    /**
     * Rejects, before any output is allocated, a payload that cannot decompress to the declared size: a NONE
     * payload of another length, an LZ4 payload too short for it, zstd frames declaring other content sizes.
     *
     * @throws ProxistException CANNOT_DECOMPRESS
     */
    static void checkDeclaredSize(FrameHeader header, byte[] src, int payloadOff) {
        int payload = header.payloadLength();
        long declared = header.uncompressedSize();
        switch (header.method()) {
            case NONE -> {
                if (payload != declared) {
                    throw failure(header, "payload length differs from uncompressed size", null);
                }
            }
            case LZ4 -> {
                if (declared > (long) LZ4_MAX_RATIO * payload) {
                    throw failure(header, "uncompressed size beyond what the payload can hold", null);
                }
            }
            case ZSTD -> checkZstdContentSizes(header, src, payloadOff);
        }
    }

    /**
     * Sums the content sizes that the payload's zstd frames declare (up to {@link #ZSTD_FRAMES_CHECKED} frames):
     * when every frame declares one, the sum must be the uncompressed size; in any case it must not exceed it.
     */
    private static void checkZstdContentSizes(FrameHeader header, byte[] src, int payloadOff) {
        int end = payloadOff + header.payloadLength();
        if (payloadOff == end) {
            throw failure(header, "empty zstd payload", null);
        }
        long declared = header.uncompressedSize();
        long known = 0;
        boolean allKnown = true;
        try {
            int pos = payloadOff;
            for (int frames = 0; pos < end; frames++) {
                if (frames == ZSTD_FRAMES_CHECKED) {
                    allKnown = false;
                    break;
                }
                long content = Zstd.getFrameContentSize(src, pos, end - pos);
                if (content == ZSTD_CONTENT_SIZE_UNKNOWN) {
                    allKnown = false;
                } else if (content < 0 || content > declared - known) {
                    throw failure(
                            header,
                            "zstd frame at payload offset " + (pos - payloadOff)
                                    + " is invalid or holds more than the uncompressed size",
                            null);
                } else {
                    known += content;
                }
                long frameLength = Zstd.findFrameCompressedSize(src, pos, end - pos);
                if (frameLength <= 0 || frameLength > end - pos) {
                    throw failure(header, "zstd frame at payload offset " + (pos - payloadOff) + " is invalid", null);
                }
                pos += (int) frameLength;
            }
        } catch (ZstdException e) {
            throw failure(header, "malformed zstd payload: " + e.getMessage(), e);
        }
        if (allKnown && known != declared) {
            throw failure(header, "zstd frames hold " + known + " bytes", null);
        }
    }

    /**
     * Decompresses the payload at {@code src[payloadOff]} into exactly {@code header.uncompressedSize()} bytes of
     * {@code dst} from {@code dstOff}.
     *
     * @throws ProxistException CANNOT_DECOMPRESS when the payload is malformed or decompresses to another size
     */
    static void decompress(FrameHeader header, byte[] src, int payloadOff, byte[] dst, int dstOff) {
        int payload = header.payloadLength();
        int declared = header.uncompressedSize();
        long actual;
        try {
            actual = switch (header.method()) {
                case LZ4 -> LZ4_DECOMPRESSOR.decompress(src, payloadOff, payload, dst, dstOff, declared);
                case ZSTD -> Zstd.decompressByteArray(dst, dstOff, declared, src, payloadOff, payload);
                case NONE -> {
                    if (payload != declared) {
                        throw failure(header, "payload length differs from uncompressed size", null);
                    }
                    System.arraycopy(src, payloadOff, dst, dstOff, payload);
                    yield payload;
                }
            };
        } catch (LZ4Exception | ZstdException e) {
            throw failure(header, "malformed payload: " + e.getMessage(), e);
        }
        if (actual != declared) {
            throw failure(header, "decompressed to " + actual + " bytes", null);
        }
    }

    private static ProxistException failure(FrameHeader header, String why, Throwable cause) {
        String message = "cannot decompress frame: " + why + " [method=" + header.method() + ", compressedSize="
                + header.compressedSize() + ", uncompressedSize=" + header.uncompressedSize() + "]";
        return cause == null
                ? new ProxistException(ErrorCode.CANNOT_DECOMPRESS, message)
                : new ProxistException(ErrorCode.CANNOT_DECOMPRESS, message, cause);
    }
}
