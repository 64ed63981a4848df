package io.proxist.hot.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One open snapshot file, as {@link SnapshotFiles} hands it out. Reads and writes are positional and may transfer
 * fewer bytes than asked, like {@link java.nio.channels.FileChannel}'s; callers loop until done.
 */
public interface SnapshotChannel extends Closeable {
    /** Writes {@code src}'s remaining bytes at {@code position}, advancing {@code src}; returns the bytes written. */
    int write(ByteBuffer src, long position) throws IOException;

    /** Reads into {@code dst} from {@code position}; returns the bytes read, or -1 at end of file. */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Makes every byte written so far durable (fdatasync). */
    void force() throws IOException;

    long size() throws IOException;

    @Override
    void close() throws IOException;
}
