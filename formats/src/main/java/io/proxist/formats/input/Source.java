package io.proxist.formats.input;

import io.netty.buffer.ByteBuf;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.formats.io.ByteInput;

/**
 * The bytes a decoder works on: its own buffer {@code buf[pos, limit)}, refilled from the input last fed. The
 * decoder marks where the current row started ({@link #startUnit()}); everything from there on stays in the buffer
 * until the row is committed, so a row that runs past the bytes fed so far can be parsed again from its start once
 * more bytes arrive. The buffer is compacted only between rows, so indexes into it stay valid within a row.
 *
 * <p>A fixed source ({@link #fixed()}) is a byte range with nothing behind it: the parsers use it for the text of a
 * single field (a CSV cell, a JSON string holding an array).
 */
final class Source {
    byte[] buf;
    int pos;
    int limit;
    private int mark;

    private final boolean fixed;
    private final int maxPending;
    private ByteInput input;
    private ByteBuf byteBuf;
    private boolean last;

    private Source(byte[] buf, boolean fixed, int maxPending) {
        this.buf = buf;
        this.fixed = fixed;
        this.maxPending = maxPending;
    }

    /** A source refilled from fed input; a row may hold at most {@code maxPending} bytes. */
    static Source streaming(int maxPending) {
        return new Source(new byte[Math.min(64 * 1024, Math.max(16, maxPending))], false, maxPending);
    }

    /** A source over a byte range, to be {@link #reset} before use. */
    static Source fixed() {
        return new Source(new byte[0], true, Integer.MAX_VALUE);
    }

    void reset(byte[] b, int off, int end) {
        buf = b;
        pos = off;
        limit = end;
        mark = off;
    }

    void feed(ByteInput in, boolean isLast) {
        input = in;
        byteBuf = null;
        last = isLast;
    }

    void feed(ByteBuf in, boolean isLast) {
        byteBuf = in;
        input = null;
        last = isLast;
    }

    boolean isLast() {
        return fixed || last;
    }

    /** Starts a row: compacts the buffer when the consumed part is large, then marks the current position. */
    void startUnit() {
        if (!fixed && pos > 0 && (pos == limit || pos >= buf.length / 2)) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        mark = pos;
    }

    /** The current row is complete: its bytes may go. */
    void commit() {
        mark = pos;
    }

    /** Back to the start of the current row. */
    void rollback() {
        pos = mark;
    }

    /** Bytes from the start of the current row to the end of what was read in. */
    int pending() {
        return limit - mark;
    }

    int mark() {
        return mark;
    }

    /**
     * Reads more bytes in. True when at least one more byte is available; false at the end of the input (the last
     * input fed is exhausted); throws {@link NeedMoreInput} when the input fed so far is exhausted but more may come.
     */
    boolean more() {
        if (fixed) return false;
        if (pull()) return true;
        if (last) return false;
        throw NeedMoreInput.INSTANCE;
    }

    /** Reads in without parsing until {@code target} bytes of the current row are buffered; false if input ran dry. */
    boolean fillPending(int target) {
        while (limit - mark < target) {
            if (!pull()) return false;
        }
        return true;
    }

    private boolean pull() {
        if (limit == buf.length) growBuffer();
        int room = buf.length - limit;
        int n = 0;
        if (byteBuf != null) {
            n = Math.min(room, byteBuf.readableBytes());
            byteBuf.readBytes(buf, limit, n);
        } else if (input != null) {
            while (n < room && !input.atEnd()) buf[limit + n++] = (byte) input.readUnsignedByte();
        }
        limit += n;
        return n > 0;
    }

    private void growBuffer() {
        if (limit - mark >= maxPending) {
            throw new ProxistException(
                    ErrorCode.TOO_LARGE_STRING_SIZE,
                    "a row (or Native block) is larger than the limit of " + maxPending + " bytes");
        }
        long want = Math.min((long) buf.length * 2, (long) mark + maxPending + 16);
        want = Math.min(Math.max(want, buf.length + 16L), Integer.MAX_VALUE - 16);
        buf = java.util.Arrays.copyOf(buf, (int) want);
    }

    /** The next byte without consuming it, or -1 at the end of input. */
    int peek() {
        if (pos < limit || more()) return buf[pos] & 0xFF;
        return -1;
    }

    /** The next byte, or -1 at the end of input. */
    int read() {
        if (pos < limit || more()) return buf[pos++] & 0xFF;
        return -1;
    }

    boolean atEnd() {
        return pos >= limit && !more();
    }

    /** Makes {@code n} bytes available at {@code pos}; a binary row that ends early is CANNOT_READ_ALL_DATA. */
    void require(int n) {
        while (limit - pos < n) {
            if (!more()) {
                throw new ProxistException(
                        ErrorCode.CANNOT_READ_ALL_DATA,
                        "Cannot read all data. Bytes read: " + (limit - pos) + ". Bytes expected: " + n);
            }
        }
    }

    int readByteStrict() {
        require(1);
        return buf[pos++] & 0xFF;
    }

    long readLongLE(int width) {
        require(width);
        long v = 0;
        for (int i = 0; i < width; i++) v |= (long) (buf[pos + i] & 0xFF) << (8 * i);
        pos += width;
        return v;
    }

    /** Unsigned LEB128 of at most 10 bytes. */
    long readVarUInt() {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByteStrict();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new ProxistException(ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED, "VarUInt longer than 10 bytes");
    }

    /** Skips spaces, tabs, newlines, carriage returns, form feeds and vertical tabs. */
    void skipWhitespace() {
        while (true) {
            if (pos >= limit && !more()) return;
            byte c = buf[pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) pos++;
            else return;
        }
    }

    /** Consumes {@code c} if it is next. */
    boolean skipIf(int c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes {@code c} or fails with ClickHouse's "Cannot parse input: expected ..." message. */
    void expect(int c) {
        if (!skipIf(c)) throw expected(quoteChar(c));
    }

    ProxistException expected(String what) {
        return new ProxistException(
                ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse input: expected " + what + " " + here());
    }

    /** "before: 'the next bytes'" or "at end of stream", for messages. */
    String here() {
        if (pos >= limit && !more()) return "at end of stream";
        int n = Math.min(limit - pos, 30);
        return "before: " + Texts.show(buf, pos, n);
    }

    static String quoteChar(int c) {
        return switch (c) {
            case '\t' -> "'\\t'";
            case '\n' -> "'\\n'";
            case '\r' -> "'\\r'";
            case '\'' -> "'\\''";
            default -> "'" + (char) c + "'";
        };
    }
}
