package io.proxist.pushdown.passthrough;

import io.proxist.chclient.UpstreamErrors;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.query.BlockCursor;
import io.proxist.formats.io.StreamInput;
import io.proxist.formats.nativeformat.NativeBlockReader;
import io.proxist.formats.nativeformat.NativeLimits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Blocks of an upstream result as they arrive (Native over HTTP, revision 0). An old server reports an error
 * that happens after the first bytes by appending its text to the body: before each block the cursor looks for
 * {@code Code: } and turns that text into the upstream's exception.
 */
final class UpstreamCursor implements BlockCursor {
    private static final byte[] ERROR_START = "Code: ".getBytes(StandardCharsets.US_ASCII);

    private final CountingStream counted;
    private final StreamInput input;
    private final NativeBlockReader reader;
    private Block header;
    private Block pending;
    private long rows;

    private UpstreamCursor(InputStream body) {
        this.counted = new CountingStream(body);
        this.input = new StreamInput(counted);
        this.reader = new NativeBlockReader(input, 0, NativeLimits.DEFAULT);
    }

    /** Reads the first block; when the result is empty, {@code emptyHeader} supplies the names and types. */
    static UpstreamCursor open(InputStream body, Supplier<Block> emptyHeader) {
        UpstreamCursor c = new UpstreamCursor(body);
        try {
            c.pending = c.readBlock();
            c.header = c.pending != null ? headerOf(c.pending) : emptyHeader.get();
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static Block headerOf(Block b) {
        List<Column> empty = new ArrayList<>();
        for (Column c : b.columns()) empty.add(Columns.empty(c.type()));
        return Block.header(b.names(), empty);
    }

    @Override
    public Block header() {
        return header;
    }

    @Override
    public Block next() {
        Block b = pending != null ? pending : readBlock();
        pending = null;
        if (b != null) rows += b.rows();
        return b;
    }

    private Block readBlock() {
        // a block never starts with "Code: " unless it has 67 columns named "ode: ..."; the old server's error does
        if (input.startsWith(ERROR_START) && (header == null || header.columnCount() != 'C')) {
            throw UpstreamErrors.parse(new String(input.readRemaining(1 << 20), StandardCharsets.UTF_8));
        }
        return reader.next();
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    @Override
    public long bytesRead() {
        return counted.count;
    }

    @Override
    public void close() {
        try {
            counted.close();
        } catch (IOException e) {
            // closing aborts the upstream request; nothing else to do
        }
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
