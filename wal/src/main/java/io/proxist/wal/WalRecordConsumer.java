package io.proxist.wal;

import java.nio.ByteBuffer;

/** Receives records from {@link Wal#replay}, in position order. */
@FunctionalInterface
public interface WalRecordConsumer {
    /**
     * One record. {@code payload} is a read-only little-endian view from its position to its limit, valid only
     * during this call (the buffer is reused for the next record): copy what must outlive it.
     */
    void accept(long position, int type, int tableId, ByteBuffer payload);
}
