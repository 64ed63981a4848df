package io.proxist.wal;

/** What an acknowledged append promises; chosen per append, so each table keeps its own policy. */
public enum Durability {
    /**
     * On disk when {@link Wal#append} returns: the record and everything before it are fsynced. Concurrent
     * appenders share fsyncs (group commit).
     */
    SYNC,
    /**
     * In the page cache when {@link Wal#append} returns (survives a crash of the process, not of the machine) and
     * fsynced by the background flusher within {@link WalOptions#asyncFlushInterval()} plus the fsync's own time.
     */
    ASYNC,
    /**
     * In the page cache when {@link Wal#append} returns and never fsynced for its own sake: it reaches the disk with
     * the next SYNC or ASYNC fsync, a segment roll, {@link Wal#sync()}, {@link Wal#close()}, or the kernel's
     * writeback. Survives a crash of the process, best effort otherwise.
     */
    MEMORY
}
