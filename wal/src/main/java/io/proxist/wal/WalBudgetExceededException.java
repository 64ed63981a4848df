package io.proxist.wal;

import io.proxist.core.error.ErrorCode;

/**
 * An append would take the WAL's files past {@link WalOptions#maxTotalSize()}. Nothing was written; the WAL stays
 * usable and accepts appends again once {@link Wal#deleteUpTo} has freed space. Reported to clients as
 * ClickHouse's {@code NOT_ENOUGH_SPACE} (243).
 */
public final class WalBudgetExceededException extends WalException {
    private final long usedBytes;
    private final long recordBytes;
    private final long budgetBytes;

    public WalBudgetExceededException(long usedBytes, long recordBytes, long budgetBytes) {
        super(
                ErrorCode.NOT_ENOUGH_SPACE,
                "wal size budget exceeded [used=" + usedBytes + ", record=" + recordBytes + ", budget=" + budgetBytes
                        + "]");
        this.usedBytes = usedBytes;
        this.recordBytes = recordBytes;
        this.budgetBytes = budgetBytes;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long recordBytes() {
        return recordBytes;
    }

    public long budgetBytes() {
        return budgetBytes;
    }
}
