package io.proxist.protocol.tcp;

import io.proxist.core.block.Block;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.formats.io.ByteInput;
import io.proxist.formats.io.EndOfInputException;
import io.proxist.formats.nativeformat.NativeBlockReader;
import io.proxist.protocol.compress.FrameInput;
import io.proxist.protocol.compress.FrameLimits;

/** A client's Data packet after its id: the (external) table name, then one block, in frames when compressed. */
final class DataPacket {
    private DataPacket() {}

    static Block read(ByteInput in, boolean compressed, int revision, ProtocolLimits limits) {
        return read(in, compressed ? frames(in, limits) : null, revision, limits);
    }

    /** A frame reader over {@code in} for the compressed blocks of one connection. */
    static FrameInput frames(ByteInput in, ProtocolLimits limits) {
        return new FrameInput(in, new FrameLimits(limits.maxFrameBytes(), limits.maxFrameBytes()));
    }

    /** As {@link #read(ByteInput, boolean, int, ProtocolLimits)}; {@code frames} (over {@code in}) when compressed. */
    static Block read(ByteInput in, FrameInput frames, int revision, ProtocolLimits limits) {
        Wire.readString(in, limits.maxNameBytes(), "table name");
        ByteInput src = in;
        if (frames != null) {
            frames.reset();
            src = frames;
        }
        Block b = new NativeBlockReader(src, revision, limits.block()).next();
        if (b == null) throw new EndOfInputException("in a Data packet");
        if (src instanceof FrameInput f && f.buffered() != 0) {
            throw new ProxistException(
                    ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                    "Compressed data after the end of a block in a Data packet");
        }
        return b;
    }
}
