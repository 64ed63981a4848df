package io.proxist.planner.parse;

import java.io.Serial;
import java.util.Objects;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A syntax error found by a grammar action (rather than by JavaCC), with the position it applies to. The facade
 * turns it into a {@code SYNTAX_ERROR}.
 */
public final class ClickHouseSyntaxException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient SqlParserPos pos;

    public ClickHouseSyntaxException(SqlParserPos pos, String message) {
        super(message);
        this.pos = Objects.requireNonNull(pos, "pos");
    }

    public SqlParserPos pos() {
        return pos;
    }
}
