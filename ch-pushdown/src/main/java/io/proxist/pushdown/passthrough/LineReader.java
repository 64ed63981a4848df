package io.proxist.pushdown.passthrough;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a text body, each without its line feed, read through a buffer; counts the bytes read. A last line
 * without a line feed is still a line. Lines are limited to {@link #MAX_LINE_BYTES}.
 */
final class LineReader implements AutoCloseable {
    /** The longest line held: 1 GiB, ClickHouse's largest string. */
    static final int MAX_LINE_BYTES = 1 << 30;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long bytes;
    private boolean eof;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the body. */
    byte[] next() {
        byte[] line = null;
        int length = 0;
        while (true) {
            if (pos == limit && !fill()) {
                return line == null ? null : Arrays.copyOf(line, length);
            }
            int nl = pos;
            while (nl < limit && buf[nl] != '\n') nl++;
            int n = nl - pos;
            if (line == null && nl < limit) {
                line = Arrays.copyOfRange(buf, pos, nl);
                pos = nl + 1;
                return line;
            }
            if (line == null) line = new byte[Math.max(256, n * 2)];
            if (length + n > MAX_LINE_BYTES) {
                throw new ProxistException(
                        ErrorCode.TOO_LARGE_STRING_SIZE,
                        "upstream line longer than " + MAX_LINE_BYTES + " bytes [line bytes=" + (length + n) + "]");
            }
            if (length + n > line.length) line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
            System.arraycopy(buf, pos, line, length, n);
            length += n;
            pos = nl;
            if (nl < limit) {
                pos++;
                return Arrays.copyOf(line, length);
            }
        }
    }

    /** Everything left (at most {@code max} bytes), for an error text. */
    byte[] rest(int max) {
        byte[] out = Arrays.copyOfRange(buf, pos, limit);
        pos = limit;
        try {
            byte[] more = in.readNBytes(Math.max(0, max - out.length));
            bytes += more.length;
            byte[] all = Arrays.copyOf(out, out.length + more.length);
            System.arraycopy(more, 0, all, out.length, more.length);
            return all;
        } catch (IOException e) {
            return out;
        }
    }

    long bytesRead() {
        return bytes;
    }

    private boolean fill() {
        if (eof) return false;
        try {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                eof = n < 0;
                if (n == 0) return fill();
                return false;
            }
            pos = 0;
            limit = n;
            bytes += n;
            return true;
        } catch (IOException e) {
            throw new ProxistException(ErrorCode.NETWORK_ERROR, "lost the upstream response: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // closing aborts the upstream request; nothing else to do
        }
    }
}
