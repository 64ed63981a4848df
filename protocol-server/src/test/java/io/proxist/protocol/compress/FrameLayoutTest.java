package io.proxist.protocol.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import org.junit.jupiter.api.Test;

class FrameLayoutTest {
    @Test
    void offsetsMatchClickHouse() {
        assertEquals(0, FrameDescriptor.CHECKSUM_OFFSET);
        assertEquals(8, FrameDescriptor.CHECKSUM_HIGH_OFFSET);
        assertEquals(16, FrameDescriptor.METHOD_OFFSET);
        assertEquals(17, FrameDescriptor.COMPRESSED_SIZE_OFFSET);
        assertEquals(21, FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET);
        assertEquals(25, FrameDescriptor.PAYLOAD_OFFSET);
        assertEquals(9, FrameDescriptor.HEADER_LENGTH);
        assertEquals(25, FrameDescriptor.PREFIX_LENGTH);
        assertEquals(1L << 30, FrameDescriptor.MAX_COMPRESSED_SIZE);
        assertEquals(1 << 20, FrameDescriptor.DEFAULT_MAX_BLOCK_SIZE);
        assertEquals(16L + 100, FrameDescriptor.frameLength(100));
    }

    @Test
    void encodedFrameHasTheDescribedLayout() {
        byte[] data = "hello, frames".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] frame = new FrameEncoder(CompressionMethod.NONE).encode(data);

        assertEquals(16 + 9 + data.length, frame.length);
        assertEquals(0x02, frame[FrameDescriptor.METHOD_OFFSET]);
        assertEquals(9 + data.length, LittleEndian.getUint32(frame, FrameDescriptor.COMPRESSED_SIZE_OFFSET));
        assertEquals(data.length, LittleEndian.getUint32(frame, FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET));
        Hash128 checksum = CityHash128.cityHash128(frame, 16, 9 + data.length);
        assertEquals(checksum.low(), LittleEndian.getLong(frame, 0));
        assertEquals(checksum.high(), LittleEndian.getLong(frame, 8));
    }

    @Test
    void methodBytes() {
        assertEquals(0x82, CompressionMethod.LZ4.methodByte());
        assertEquals(0x90, CompressionMethod.ZSTD.methodByte());
        assertEquals(0x02, CompressionMethod.NONE.methodByte());
        assertSame(CompressionMethod.LZ4, CompressionMethod.of((byte) 0x82));
        assertSame(CompressionMethod.ZSTD, CompressionMethod.of(0x90));
        assertSame(CompressionMethod.NONE, CompressionMethod.find(0x02));
    }

    @Test
    void everyOtherMethodByteIsUnknown() {
        for (int b = 0; b < 256; b++) {
            if (b == 0x82 || b == 0x90 || b == 0x02) {
                continue;
            }
            assertNull(CompressionMethod.find(b));
            int fb = b;
            ProxistException e = assertThrows(ProxistException.class, () -> CompressionMethod.of(fb));
            assertEquals(ErrorCode.UNKNOWN_COMPRESSION_METHOD, e.code());
            assertTrue(e.getMessage().contains(String.format("byte=0x%02x", b)), e.getMessage());
        }
    }

    @Test
    void limitsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(8, 100));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits((1 << 30) + 1, 100));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(100, -1));
        assertEquals(1 << 30, FrameLimits.DEFAULT.maxCompressedSize());
    }
}
