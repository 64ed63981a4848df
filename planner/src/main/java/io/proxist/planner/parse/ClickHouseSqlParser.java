package io.proxist.planner.parse;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.planner.parse.impl.ClickHouseSqlParserImpl;
import io.proxist.planner.parse.impl.ParseException;
import io.proxist.planner.parse.impl.TokenMgrError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.util.SourceStringReader;

/**
 * Parses ClickHouse SQL with Proxist's Calcite parser extension ({@code ClickHouseSqlParserImpl}, generated from
 * Calcite's grammar template and {@code src/main/codegen}).
 */
public final class ClickHouseSqlParser {
    private static final int MAX_EXPECTED = 12;
    private static final int SNIPPET = 40;

    private ClickHouseSqlParser() {}

    /**
     * Parses one SELECT (optionally with UNION ALL / WITH, FORMAT, SETTINGS).
     *
     * @throws ProxistException with {@link ErrorCode#SYNTAX_ERROR} and a message giving the position, ClickHouse
     *     style ({@code Syntax error: failed at position 17 ('FROM'): ...})
     */
    public static ParsedQuery parse(String sql) {
        Objects.requireNonNull(sql, "sql");
        ClickHouseSqlParserImpl parser = (ClickHouseSqlParserImpl) ClickHouseSqlParserImpl.FACTORY.getParser(
                new SourceStringReader(ClickHouseLiterals.normalizeQuotes(sql)));
        parser.setTabSize(1);
        parser.setQuotedCasing(Casing.UNCHANGED);
        parser.setUnquotedCasing(Casing.UNCHANGED);
        parser.setIdentifierMaxLength(Short.MAX_VALUE);
        parser.setConformance(SqlConformanceEnum.LENIENT);
        parser.switchTo(SqlAbstractParserImpl.LexicalState.BQID);
        try {
            ParsedQuery parsed = parser.ChStatementEof();
            ClickHouseLiterals.unescapeInPlace(parsed.query());
            return parsed;
        } catch (ClickHouseSyntaxException e) {
            throw syntaxError(sql, e.pos(), null, e.getMessage(), e);
        } catch (ParseException | TokenMgrError | RuntimeException e) {
            SqlParseException normalized = parser.normalizeException(e);
            throw syntaxError(
                    sql,
                    normalized.getPos(),
                    normalized.getExpectedTokenNames(),
                    firstLine(normalized.getMessage()),
                    e);
        }
    }

    private static ProxistException syntaxError(
            String sql, SqlParserPos pos, Collection<String> expected, String detail, Throwable cause) {
        int offset = pos == null ? sql.length() : offsetOf(sql, pos.getLineNum(), pos.getColumnNum());
        StringBuilder msg = new StringBuilder("Syntax error: failed at position ").append(offset + 1);
        if (pos != null) {
            msg.append(" (line ")
                    .append(pos.getLineNum())
                    .append(", col ")
                    .append(pos.getColumnNum())
                    .append(')');
        }
        if (offset >= sql.length()) {
            msg.append(" (end of query)");
        } else {
            String rest = sql.substring(offset, Math.min(sql.length(), offset + SNIPPET))
                    .replace('\n', ' ');
            msg.append(" ('").append(rest).append(offset + SNIPPET < sql.length() ? "...')" : "')");
        }
        if (detail != null && !detail.isBlank()) {
            msg.append(": ").append(detail.strip());
        }
        if (expected != null && !expected.isEmpty()) {
            List<String> names = new ArrayList<>(expected);
            msg.append(". Expected one of: ")
                    .append(String.join(", ", names.subList(0, Math.min(MAX_EXPECTED, names.size()))));
            if (names.size() > MAX_EXPECTED) {
                msg.append(", ...");
            }
        }
        return new ProxistException(ErrorCode.SYNTAX_ERROR, msg.toString(), cause);
    }

    /** The 0-based character offset of a 1-based line and column, clamped to the text. */
    static int offsetOf(String sql, int line, int column) {
        if (line <= 0) {
            return 0;
        }
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = sql.indexOf('\n', offset);
            offset = offset < 0 ? -1 : offset + 1;
        }
        if (offset < 0) {
            return sql.length();
        }
        return Math.min(sql.length(), offset + Math.max(0, column - 1));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
