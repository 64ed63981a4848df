package io.proxist.chclient;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.UpstreamException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the error text a ClickHouse server sends, old form
 * ({@code Code: 60, e.displayText() = DB::Exception: msg, e.what() = DB::Exception}) or modern
 * ({@code Code: 60. DB::Exception: msg. (UNKNOWN_TABLE) (version 25.8.1.1)}), into an {@link UpstreamException}.
 */
public final class UpstreamErrors {
    private static final Pattern OLD = Pattern.compile(
            "^Code: (\\d+), e\\.displayText\\(\\) = (?:DB::Exception: )?(.*?)(?:, e\\.what\\(\\) = \\S+)?\\s*$",
            Pattern.DOTALL);
    private static final Pattern MODERN = Pattern.compile(
            "^Code: (\\d+)\\. (?:DB::Exception: )?(.*?)\\.? \\(([A-Z0-9_]+)\\)(?: \\(version [^)]*\\))?\\s*$",
            Pattern.DOTALL);

    private UpstreamErrors() {}

    /** Parses an error body; an unrecognised body becomes an UNKNOWN_EXCEPTION carrying the text. */
    public static UpstreamException parse(String body) {
        String text = body.strip();
        Matcher m = MODERN.matcher(text);
        if (m.matches()) {
            return new UpstreamException(Integer.parseInt(m.group(1)), m.group(3), m.group(2));
        }
        m = OLD.matcher(text);
        if (m.matches()) {
            int number = Integer.parseInt(m.group(1));
            return new UpstreamException(number, nameOf(number), m.group(2));
        }
        return new UpstreamException(
                ErrorCode.UNKNOWN_EXCEPTION.code(), ErrorCode.UNKNOWN_EXCEPTION.name(), "upstream error: " + text);
    }

    private static String nameOf(int number) {
        ErrorCode c = ErrorCode.fromCode(number);
        return c == null ? "UNKNOWN_EXCEPTION" : c.name();
    }
}
