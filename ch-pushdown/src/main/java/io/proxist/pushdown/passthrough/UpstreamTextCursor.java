package io.proxist.pushdown.passthrough;

import io.netty.buffer.Unpooled;
import io.proxist.chclient.UpstreamErrors;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.type.DataType;
import io.proxist.formats.input.InputFormat;
import io.proxist.formats.input.InputFormats;
import io.proxist.formats.input.InputSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An upstream result with its totals and extremes. An old server's Native carries neither, so such a result is
 * fetched as TabSeparatedWithNamesAndTypes, which has them after the rows (18.16's TabSeparatedRowOutputStream):
 *
 * <pre>
 *   names \n types \n row \n ... [\n totals \n] [\n min \n max \n]
 * </pre>
 *
 * <p>The rows stream through Proxist's TabSeparated reader into the header's types (a DateTime without a zone in the
 * server's zone), {@link #CHUNK_BYTES} of lines at a time. The text is exact for every value but two: a NaN's sign,
 * and a DateTime of a zone with daylight saving time in the hour a clock change repeats (read as ClickHouse would read
 * its own text). JSONCompact would lose more: it replaces invalid UTF-8 and writes NaN and infinities as null.
 *
 * <p>The sections are told apart by their empty lines. A row is never empty unless the result has one column whose
 * text can be empty (a String, an Enum): then the last five lines are held back, and at the end the sections are the
 * ones the query asks for ({@code WITH TOTALS}, {@code extremes=1}) where the empty lines agree, the server writing
 * extremes only after at least one row.
 *
 * <p>An old server reports an error after the first bytes by appending its text: a line that starts as its error text
 * ({@code Code: N, e.displayText() = }) ends the result with the upstream's exception.
 */
final class UpstreamTextCursor implements BlockCursor {
    /** Lines given to the reader at a time. */
    static final int CHUNK_BYTES = 1 << 20;

    /** Lines held back when an empty line may be a row: the longest tail (empty, totals, empty, min, max). */
    private static final int TAIL = 5;

    private static final Pattern ERROR =
            Pattern.compile("^Code: \\d+(?:, e\\.displayText\\(\\) = |\\. DB::Exception: )");

    private final LineReader lines;
    private final boolean totalsExpected;
    private final boolean extremesExpected;
    private final InputSettings settings;
    private Block header;
    private InputFormat data;
    private boolean ambiguous;
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private long dataLines;
    private boolean dataEnded;
    /** The reader took every line given so far: the next lines are due. */
    private boolean hungry = true;

    private Block totals;
    private Block extremes;
    private long rows;

    private UpstreamTextCursor(InputStream body, boolean totalsExpected, boolean extremesExpected, ZoneId zone) {
        this.lines = new LineReader(body);
        this.totalsExpected = totalsExpected;
        this.extremesExpected = extremesExpected;
        this.settings = InputSettings.DEFAULT.withServerTimeZone(zone);
    }

    /**
     * Reads the names and types lines. {@code totalsExpected}: the query has {@code WITH TOTALS}; {@code
     * extremesExpected}: extremes=1; {@code zone}: the server's time zone; {@code emptyHeader}: the header when the
     * body is empty (a statement without a result).
     */
    static UpstreamTextCursor open(
            InputStream body,
            boolean totalsExpected,
            boolean extremesExpected,
            ZoneId zone,
            Supplier<Block> emptyHeader) {
        UpstreamTextCursor c = new UpstreamTextCursor(body, totalsExpected, extremesExpected, zone);
        try {
            c.readHeader(emptyHeader);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void readHeader(Supplier<Block> emptyHeader) {
        byte[] names = line();
        if (names == null) {
            header = emptyHeader.get();
            dataEnded = true;
            return;
        }
        byte[] types = line();
        if (types == null) throw layout("a names line without a types line");
        int columns = fields(names);
        if (fields(types) != columns) throw layout("names and types lines differ in their number of fields");
        List<String> placeholders = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) placeholders.add("c" + i);
        Block text = decode(placeholders, Collections.nCopies(columns, DataType.of("String")), List.of(names, types));
        List<String> n = new ArrayList<>(columns);
        List<DataType> t = new ArrayList<>(columns);
        List<Column> empty = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            n.add(((BytesColumn) text.column(i)).getString(0));
            DataType type = DataType.parse(((BytesColumn) text.column(i)).getString(1));
            t.add(type);
            empty.add(Columns.empty(type));
        }
        header = Block.header(n, empty);
        data = InputFormats.create("TabSeparated", n, t, settings);
        ambiguous = columns == 1 && mayBeEmptyText(t.getFirst());
    }

    /** True when a value of the type may be written as no text at all (so its row as an empty line). */
    static boolean mayBeEmptyText(DataType type) {
        DataType base = type;
        while (base.is("Nullable") || base.is("LowCardinality")) base = base.inner();
        return switch (base.family()) {
            case "UInt8",
                    "UInt16",
                    "UInt32",
                    "UInt64",
                    "Int8",
                    "Int16",
                    "Int32",
                    "Int64",
                    "Float32",
                    "Float64",
                    "Date",
                    "DateTime",
                    "DateTime64",
                    "Decimal",
                    "Decimal32",
                    "Decimal64",
                    "Decimal128",
                    "UUID",
                    "Array",
                    "Tuple",
                    "Nothing",
                    "IPv4",
                    "IPv6" -> false;
            case "FixedString" -> base.literal(0).equals("0");
            default -> true;
        };
    }

    @Override
    public Block header() {
        return header;
    }

    @Override
    public Block next() {
        if (data == null) return null;
        while (true) {
            if (hungry) {
                ByteArrayOutputStream chunk = new ByteArrayOutputStream();
                boolean last = fill(chunk);
                data.feed(Unpooled.wrappedBuffer(chunk.toByteArray()), last);
                hungry = false;
            }
            Block b = data.next();
            if (b != null) {
                rows += b.rows();
                return b;
            }
            if (data.finished()) return null;
            hungry = true;
        }
    }

    /** Data lines into {@code chunk}, up to {@link #CHUNK_BYTES}; true when the data ended (sections read). */
    private boolean fill(ByteArrayOutputStream chunk) {
        if (dataEnded) return true;
        while (chunk.size() < CHUNK_BYTES) {
            byte[] line = line();
            if (line == null) {
                if (ambiguous) endAmbiguous(chunk);
                dataEnded = true;
                return true;
            }
            if (ambiguous) {
                held.addLast(line);
                if (held.size() > TAIL) dataLine(held.removeFirst(), chunk);
            } else if (line.length == 0) {
                sections(rest());
                dataEnded = true;
                return true;
            } else {
                dataLine(line, chunk);
            }
        }
        return false;
    }

    private void dataLine(byte[] line, ByteArrayOutputStream chunk) {
        chunk.writeBytes(line);
        chunk.write('\n');
        dataLines++;
    }

    /** Every line after the first empty one: 1 totals; 2 extremes; 4 totals, empty, extremes. */
    private void sections(List<byte[]> tail) {
        switch (tail.size()) {
            case 1 -> totals = decode(tail);
            case 2 -> extremes = decode(tail);
            case 4 -> {
                if (tail.get(1).length != 0) throw layout("no empty line between the totals and the extremes");
                totals = decode(tail.subList(0, 1));
                extremes = decode(tail.subList(2, 4));
            }
            default -> throw layout(tail.size() + " lines after the rows");
        }
    }

    /**
     * The end of a result whose rows may be empty lines: the tail the query asks for, if the held lines have its empty
     * lines where they belong and leave as many rows as it needs; else the next candidate.
     */
    private void endAmbiguous(ByteArrayOutputStream chunk) {
        List<byte[]> h = new ArrayList<>(held);
        held.clear();
        int[] candidates = totalsExpected && extremesExpected
                ? new int[] {5, 2, 3, 0}
                : totalsExpected ? new int[] {2, 0} : new int[] {3, 0};
        int tail = 0;
        for (int t : candidates) {
            if (fits(h, t)) {
                tail = t;
                break;
            }
        }
        for (byte[] line : h.subList(0, h.size() - tail)) dataLine(line, chunk);
        List<byte[]> rest = h.subList(h.size() - tail, h.size());
        switch (tail) {
            case 5 -> {
                totals = decode(rest.subList(1, 2));
                extremes = decode(rest.subList(3, 5));
            }
            case 3 -> extremes = decode(rest.subList(1, 3));
            case 2 -> totals = decode(rest.subList(1, 2));
            default -> {}
        }
    }

    private boolean fits(List<byte[]> h, int tail) {
        if (tail > h.size()) return false;
        long rowsLeft = dataLines + h.size() - tail;
        int n = h.size();
        return switch (tail) {
            case 5 -> rowsLeft >= 1 && h.get(n - 5).length == 0 && h.get(n - 3).length == 0;
            case 3 -> rowsLeft >= 1 && h.get(n - 3).length == 0;
            case 2 -> h.get(n - 2).length == 0;
            default -> true;
        };
    }

    private List<byte[]> rest() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] l = line(); l != null; l = line()) {
            if (out.size() == 4) throw layout("more than 4 lines after the rows");
            out.add(l);
        }
        return out;
    }

    /** The next line; an error the server appended is thrown as its exception. */
    private byte[] line() {
        byte[] l = lines.next();
        if (l != null && l.length > 6 && l[0] == 'C' && l[1] == 'o' && l[2] == 'd' && l[3] == 'e' && l[4] == ':') {
            String start = new String(l, 0, Math.min(l.length, 64), StandardCharsets.UTF_8);
            if (ERROR.matcher(start).find()) {
                byte[] more = lines.rest(1 << 20);
                throw UpstreamErrors.parse(
                        new String(l, StandardCharsets.UTF_8) + "\n" + new String(more, StandardCharsets.UTF_8));
            }
        }
        return l;
    }

    private Block decode(List<byte[]> rowLines) {
        return decode(header.names(), types(), rowLines);
    }

    private List<DataType> types() {
        List<DataType> t = new ArrayList<>(header.columnCount());
        for (Column c : header.columns()) t.add(c.type());
        return t;
    }

    private Block decode(List<String> names, List<DataType> types, List<byte[]> rowLines) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] l : rowLines) {
            body.writeBytes(l);
            body.write('\n');
        }
        InputFormat in = InputFormats.create("TabSeparated", names, types, settings);
        in.feed(Unpooled.wrappedBuffer(body.toByteArray()), true);
        Block b = in.next();
        if (b == null || b.rows() != rowLines.size() || in.next() != null) {
            throw layout("expected " + rowLines.size() + " rows");
        }
        return b;
    }

    private static int fields(byte[] line) {
        int n = 1;
        for (byte b : line) if (b == '\t') n++;
        return n;
    }

    private static ProxistException layout(String what) {
        return new ProxistException(
                ErrorCode.INCORRECT_DATA,
                "unexpected upstream result: " + what + " [format=TabSeparatedWithNamesAndTypes]");
    }

    @Override
    public Block totals() {
        return totals;
    }

    @Override
    public Block extremes() {
        return extremes;
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    @Override
    public long bytesRead() {
        return lines.bytesRead();
    }

    @Override
    public void close() {
        lines.close();
    }
}
