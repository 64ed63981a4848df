package io.proxist.formats.output;

import io.netty.buffer.ByteBuf;
import io.proxist.core.block.Block;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import java.util.List;

/** RowBinary (with names and types), Native and Null. */
final class BinaryFormats {
    private BinaryFormats() {}

    static final String BINARY_CONTENT_TYPE = "application/octet-stream";

    /** RowBinary: each value's binary form, no delimiters; the header is VarUInt count, names, type names. */
    static final class RowBinary extends RowFormat {
        private final boolean withNames;
        private final boolean withTypes;

        RowBinary(String name, FormatSettings settings, boolean withNames, boolean withTypes) {
            super(name, BINARY_CONTENT_TYPE, settings);
            this.withNames = withNames;
            this.withTypes = withTypes;
        }

        @Override
        void prefix(Block header) {
            if (withNames || withTypes) {
                ColumnText.writeVarUInt(header.columnCount(), sink);
            }
            if (withNames) {
                strings(names);
            }
            if (withTypes) {
                strings(typeNames);
            }
        }

        private void strings(List<String> values) {
            for (String v : values) {
                byte[] b = utf8(v);
                ColumnText.writeVarUInt(b.length, sink);
                sink.write(b);
            }
        }

        @Override
        void field(int column, ColumnText value, int row) {
            value.binary(row, sink);
        }
    }

    /** Native: each block with rows through {@link NativeBlockWriter} at the settings' revision. */
    static final class Native extends AbstractFormat {
        Native(FormatSettings settings) {
            super("Native", BINARY_CONTENT_TYPE, settings);
        }

        @Override
        public void writeBlock(Block block, ByteBuf out) {
            if (block.rows() > 0) {
                NativeBlockWriter.write(block, settings.nativeRevision(), out);
            }
        }

        @Override
        void block(Block block) {
            throw new IllegalStateException("Native writes blocks directly");
        }
    }

    /** Null: nothing at all. */
    static final class Null extends AbstractFormat {
        Null(FormatSettings settings) {
            super("Null", SeparatedFormats.TEXT_CONTENT_TYPE, settings);
        }

        @Override
        public void writeBlock(Block block, ByteBuf out) {}

        @Override
        void block(Block block) {}
    }
}
