package io.proxist.formats.input;

import io.netty.buffer.ByteBuf;
import io.proxist.core.block.Block;
import io.proxist.core.type.DataType;
import io.proxist.formats.io.ByteInput;
import java.util.List;

/**
 * A decoder of one INSERT body in one ClickHouse input format (from {@link InputFormats#create}). It turns the bytes
 * fed to it into {@link Block}s of the target columns (the INSERT's columns, in their order, with their names and
 * types), at most {@link InputSettings#maxBlockRows()} rows each.
 *
 * <h2>Feeding</h2>
 *
 * The whole body at once: {@code feed(input, true)} (or {@link #open}), then call {@link #next()} until it returns
 * null. In pieces, as they arrive: {@code feed(piece, false)} and call {@link #next()} until it returns null, which
 * then means "need more bytes" ({@link #finished()} is false); when the last piece arrives, {@code feed(piece, true)}
 * (possibly an empty input) and drain {@link #next()} again. Each {@code next()} reads from the input given to the
 * latest {@code feed}, which must stay readable until {@code next()} returns null; by then every byte of it has been
 * taken (the decoder copies the incomplete row it ends in and resumes there), so the caller may release it.
 *
 * <p>Block boundaries depend only on the content (rows and {@link InputSettings#maxBlockBytes()}), never on how the
 * body was split into pieces. A decoder is single-threaded.
 *
 * <h2>Errors</h2>
 *
 * Bad input throws {@link io.proxist.core.error.ProxistException} with ClickHouse's error code and a message naming
 * the row (1-based, header rows not counted) and the column, e.g. {@code Cannot parse input: expected a value of type
 * Float64, got 'x' [row=12, column=price, type=Float64]}. An INSERT is all or nothing: after an error the caller must
 * discard every block this decoder has already returned; the decoder itself keeps throwing the same error.
 */
public interface InputFormat {

    /** The format's name as requested (e.g. {@code TSV}). */
    String name();

    List<String> columnNames();

    List<DataType> columnTypes();

    /**
     * Gives the decoder the next piece of the body. {@code last} says that nothing follows it: the end of this
     * input is the end of the body. Feeding after the last piece is an error.
     */
    void feed(ByteInput input, boolean last);

    /** As {@link #feed(ByteInput, boolean)}, reading a buffer from its reader index (not released). */
    void feed(ByteBuf input, boolean last);

    /** Feeds the whole body: {@code feed(input, true)}. */
    default InputFormat open(ByteInput input) {
        feed(input, true);
        return this;
    }

    /**
     * The next block, or null: at the end of the body ({@link #finished()} becomes true), or, before the last piece
     * was fed, when the bytes fed so far hold no complete block.
     */
    Block next();

    /** True once the whole body was decoded and every block returned. */
    boolean finished();

    /** Rows returned in blocks so far. */
    long rowsRead();
}
