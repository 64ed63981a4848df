package io.proxist.protocol.compress;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/** Computes and verifies the CityHash128 checksum that leads every frame. */
final class FrameChecksum {
    private FrameChecksum() {}

    /** The checksum of a frame's checksummed part: {@code compressedSize} bytes from its header's first byte. */
    static Hash128 compute(byte[] buf, int headerStart, int compressedSize) {
        return CityHash128.cityHash128(buf, headerStart, compressedSize);
    }

    /**
     * @throws ProxistException CHECKSUM_DOESNT_MATCH when the stored checksum differs from the computed one
     */
    static void verify(long expectedLow, long expectedHigh, byte[] buf, int headerStart, int compressedSize) {
        Hash128 actual = compute(buf, headerStart, compressedSize);
        if (actual.low() != expectedLow || actual.high() != expectedHigh) {
            throw new ProxistException(
                    ErrorCode.CHECKSUM_DOESNT_MATCH,
                    "checksum mismatch [expected=" + new Hash128(expectedLow, expectedHigh).toHex() + ", actual="
                            + actual.toHex() + ", compressedSize=" + compressedSize + "]");
        }
    }

    static void writeTo(Hash128 checksum, byte[] buf, int frameStart) {
        LittleEndian.putLong(buf, frameStart + FrameDescriptor.CHECKSUM_LOW_OFFSET, checksum.low());
        LittleEndian.putLong(buf, frameStart + FrameDescriptor.CHECKSUM_HIGH_OFFSET, checksum.high());
    }
}
