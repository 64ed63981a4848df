package io.proxist.server.route;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.query.QueryContext;
import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import io.proxist.core.query.Statement;
import io.proxist.core.type.DataType;
import io.proxist.formats.input.InputFormat;
import io.proxist.formats.input.InputFormats;
import io.proxist.formats.input.InputSettings;
import io.proxist.formats.io.StreamInput;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import io.proxist.pushdown.passthrough.UpstreamExecutor;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * An INSERT into a table Proxist does not own: the client's data, in any input format Proxist reads, is decoded
 * whole against the table's columns (so bad data is refused before anything reaches ClickHouse: all or nothing),
 * re-encoded as Native and sent as one INSERT. The rows and bytes written are known exactly for the summary.
 */
final class InsertTranscoder {
    private final UpstreamExecutor upstream;
    private final ZoneId serverZone;

    InsertTranscoder(UpstreamExecutor upstream, ZoneId serverZone) {
        this.upstream = upstream;
        this.serverZone = serverZone;
    }

    record Written(long rows, long bytes) {}

    Written insert(QueryContext ctx, Statement st, InputStream data) {
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        targetColumns(ctx, st, names, types);
        InputFormat in = InputFormats.create(
                st.format(), names, types, InputSettings.fromClickHouseSettings(ctx.settings(), serverZone));
        in.open(new StreamInput(data));
        ByteBuf nativeBody = Unpooled.buffer();
        try {
            long rows = 0;
            for (Block b = in.next(); b != null; b = in.next()) {
                NativeBlockWriter.write(b, 0, nativeBody);
                rows += b.rows();
            }
            long bytes = nativeBody.readableBytes();
            StringBuilder head = new StringBuilder("INSERT INTO ")
                    .append(quotedTable(st.insertTable()))
                    .append(" (");
            for (int i = 0; i < names.size(); i++) {
                head.append(i == 0 ? "" : ", ")
                        .append('`')
                        .append(names.get(i).replace("`", "\\`"))
                        .append('`');
            }
            head.append(") FORMAT Native");
            if (rows > 0) upstream.insert(ctx, head.toString(), new ByteBufInputStream(nativeBody));
            return new Written(rows, bytes);
        } finally {
            nativeBody.release();
        }
    }

    /** The target columns as a block with no rows (the native protocol's INSERT header). */
    Block header(QueryContext ctx, Statement st) {
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        targetColumns(ctx, st, names, types);
        List<io.proxist.core.block.Column> empty = new ArrayList<>();
        for (DataType t : types) empty.add(io.proxist.core.block.Columns.empty(t));
        return Block.header(names, empty);
    }

    /** The INSERT's column list, or the table's insertable columns, with their types from DESCRIBE. */
    private void targetColumns(QueryContext ctx, Statement st, List<String> names, List<DataType> types) {
        List<String> all = new ArrayList<>();
        List<DataType> allTypes = new ArrayList<>();
        try (BlockCursor c = upstream.query(ctx, "DESCRIBE TABLE " + quotedTable(st.insertTable()))) {
            for (Block b = c.next(); b != null; b = c.next()) {
                BytesColumn n = (BytesColumn) b.column(0);
                BytesColumn t = (BytesColumn) b.column(1);
                BytesColumn kind = (BytesColumn) b.column(2);
                for (int i = 0; i < b.rows(); i++) {
                    String k = kind.getString(i);
                    if (k.equals("MATERIALIZED") || k.equals("ALIAS")) continue;
                    all.add(n.getString(i));
                    allTypes.add(DataType.parse(t.getString(i)));
                }
            }
        }
        if (st.insertColumns() == null || st.insertColumns().isBlank()) {
            names.addAll(all);
            types.addAll(allTypes);
            return;
        }
        for (SqlToken tok : SqlLexer.lex(st.insertColumns())) {
            if (tok.isPunct(',')) continue;
            if (tok.type() != SqlToken.Type.WORD && tok.type() != SqlToken.Type.QUOTED_ID) {
                throw new ProxistException(
                        ErrorCode.SYNTAX_ERROR, "Syntax error: unsupported INSERT column list: " + st.insertColumns());
            }
            int idx = all.indexOf(tok.text());
            if (idx < 0) {
                throw new ProxistException(
                        ErrorCode.NO_SUCH_COLUMN_IN_TABLE,
                        "No such column " + tok.text() + " in table " + st.insertTable());
            }
            names.add(all.get(idx));
            types.add(allTypes.get(idx));
        }
    }

    private static String quotedTable(String table) {
        StringBuilder sb = new StringBuilder();
        for (String part : table.split("\\.", 2)) {
            if (!sb.isEmpty()) sb.append('.');
            sb.append('`').append(part.replace("`", "\\`")).append('`');
        }
        return sb.toString();
    }
}
