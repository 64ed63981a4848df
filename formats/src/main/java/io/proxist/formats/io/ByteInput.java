package io.proxist.formats.io;

/**
 * Bytes to decode, from a stream or a buffer. Fixed-width numbers are little-endian, as in ClickHouse's
 * binary formats. A source that runs out of data throws {@link EndOfInputException}.
 */
public interface ByteInput {

    /** True when no byte is left; may block on a stream until it knows. */
    boolean atEnd();

    int readUnsignedByte();

    void readFully(byte[] dst, int off, int len);

    default short readShortLE() {
        return (short) (readUnsignedByte() | (readUnsignedByte() << 8));
    }

    default int readIntLE() {
        return readUnsignedByte() | (readUnsignedByte() << 8) | (readUnsignedByte() << 16) | (readUnsignedByte() << 24);
    }

    default long readLongLE() {
        return (readIntLE() & 0xFFFFFFFFL) | ((long) readIntLE() << 32);
    }

    /** Unsigned LEB128, at most 10 bytes. */
    default long readVarUInt() {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readUnsignedByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new io.proxist.core.error.ProxistException(
                io.proxist.core.error.ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED, "VarUInt longer than 10 bytes");
    }
}
