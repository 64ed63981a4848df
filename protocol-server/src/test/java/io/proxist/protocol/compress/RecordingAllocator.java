package io.proxist.protocol.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An unpooled allocator that remembers every buffer it made and the largest capacity asked for: tests check
 * that nothing stays unreleased and that a header's claimed size is never allocated up front.
 */
final class RecordingAllocator extends AbstractByteBufAllocator {
    private final List<ByteBuf> buffers = new ArrayList<>();
    private int largestRequest;

    RecordingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return track(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity), initialCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return track(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity), initialCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** A heap or direct buffer holding a copy of {@code bytes[off, off + len)}. */
    ByteBuf copyOf(byte[] bytes, int off, int len, boolean direct) {
        ByteBuf buf = direct ? directBuffer(len) : heapBuffer(len);
        return buf.writeBytes(bytes, off, len);
    }

    int largestRequest() {
        return largestRequest;
    }

    int allocations() {
        return buffers.size();
    }

    void assertAllReleased() {
        for (ByteBuf b : buffers) {
            assertEquals(0, b.refCnt(), () -> "unreleased buffer " + b);
        }
    }

    private ByteBuf track(ByteBuf buf, int initialCapacity) {
        largestRequest = Math.max(largestRequest, initialCapacity);
        buffers.add(buf);
        return toLeakAwareBuffer(buf);
    }
}
