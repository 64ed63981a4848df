package io.proxist.chclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxist.core.error.UpstreamException;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {

    @Test
    void readsTheOldForm() {
        UpstreamException e = UpstreamErrors.parse(
                "Code: 60, e.displayText() = DB::Exception: Table default.nope doesn't exist., e.what() = DB::Exception\n");
        assertEquals(60, e.codeNumber());
        assertEquals("UNKNOWN_TABLE", e.codeName());
        assertEquals("Table default.nope doesn't exist.", e.getMessage());
    }

    @Test
    void readsTheModernForm() {
        UpstreamException e = UpstreamErrors.parse(
                "Code: 62. DB::Exception: Syntax error: failed at position 1 ('SELEC'). (SYNTAX_ERROR) (version 25.8.1.1)\n");
        assertEquals(62, e.codeNumber());
        assertEquals("SYNTAX_ERROR", e.codeName());
        assertEquals("Syntax error: failed at position 1 ('SELEC')", e.getMessage());
    }

    @Test
    void keepsCodesProxistDoesNotList() {
        UpstreamException e =
                UpstreamErrors.parse("Code: 4242, e.displayText() = DB::Exception: odd, e.what() = DB::Exception");
        assertEquals(4242, e.codeNumber());
        assertEquals("odd", e.getMessage());
    }

    @Test
    void unrecognisedBodiesBecomeUnknownExceptions() {
        UpstreamException e = UpstreamErrors.parse("<html>bad gateway</html>");
        assertEquals(1002, e.codeNumber());
        assertEquals("upstream error: <html>bad gateway</html>", e.getMessage());
    }
}
