package io.proxist.formats.io;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.IOException;
import java.io.InputStream;

/** Buffered reads from an {@link InputStream} (blocking). */
public final class StreamInput implements ByteInput {
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    public StreamInput(InputStream in) {
        this(in, 64 * 1024);
    }

    public StreamInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) return false;
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new ProxistException(ErrorCode.NETWORK_ERROR, "cannot read input: " + e.getMessage(), e);
        }
    }

    /** True when the next bytes are {@code prefix}; consumes nothing. The prefix must fit the buffer. */
    public boolean startsWith(byte[] prefix) {
        while (limit - pos < prefix.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            try {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) return false;
                limit += n;
            } catch (IOException e) {
                throw new ProxistException(ErrorCode.NETWORK_ERROR, "cannot read input: " + e.getMessage(), e);
            }
        }
        return java.util.Arrays.equals(buf, pos, pos + prefix.length, prefix, 0, prefix.length);
    }

    /** Everything left, up to {@code max} bytes. */
    public byte[] readRemaining(int max) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (out.size() < max && (pos < limit || fill())) {
            int n = Math.min(limit - pos, max - out.size());
            out.write(buf, pos, n);
            pos += n;
        }
        return out.toByteArray();
    }

    @Override
    public boolean atEnd() {
        return pos >= limit && !fill();
    }

    @Override
    public int readUnsignedByte() {
        if (pos >= limit && !fill()) throw new EndOfInputException("[need=1, have=0]");
        return buf[pos++] & 0xFF;
    }

    @Override
    public void readFully(byte[] dst, int off, int len) {
        while (len > 0) {
            if (pos >= limit && !fill()) throw new EndOfInputException("[need=" + len + ", have=0]");
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }
}
