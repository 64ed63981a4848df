package io.proxist.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void looksUpClickHouseNumbers() {
        assertEquals(ErrorCode.UNKNOWN_TABLE, ErrorCode.fromCode(60));
        assertEquals(ErrorCode.SYNTAX_ERROR, ErrorCode.fromCode(62));
        assertEquals(ErrorCode.UNKNOWN_FORMAT, ErrorCode.fromCode(73));
        assertEquals(ErrorCode.UNKNOWN_SETTING, ErrorCode.fromCode(115));
        assertNull(ErrorCode.fromCode(999_999));
    }

    @Test
    void writesTheModernClickHouseText() {
        ProxistException e =
                new ProxistException(ErrorCode.UNKNOWN_TABLE, "unknown table [name=trades, database=default]");
        assertEquals(
                "Code: 60. DB::Exception: unknown table [name=trades, database=default]. (UNKNOWN_TABLE) (version 25.8.1.1)",
                e.toClickHouseText("25.8.1.1"));
        assertEquals(404, e.code().httpStatus());
    }

    @Test
    void upstreamErrorsKeepTheirOwnNumberAndName() {
        UpstreamException e = new UpstreamException(1234, "SOME_NEW_ERROR", "something new.");
        assertEquals(
                "Code: 1234. DB::Exception: something new. (SOME_NEW_ERROR) (version 25.8.1.1)",
                e.toClickHouseText("25.8.1.1"));
        assertEquals(ErrorCode.UNKNOWN_EXCEPTION, e.code());
    }
}
