package io.proxist.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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
    void numbersAndNamesAreClickHouses() throws IOException {
        Map<Integer, String> clickHouse = new HashMap<>();
        try (InputStream in = ErrorCode.class.getResourceAsStream("clickhouse-error-codes.txt")) {
            assertNotNull(in, "clickhouse-error-codes.txt");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.trim().split("\\s+");
                clickHouse.put(Integer.parseInt(f[0]), f[1]);
            }
        }
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(clickHouse.get(c.code()), c.name(), "ClickHouse's name for code " + c.code());
        }
    }

    @Test
    void inputFormatCodesCarryTheStatusOfACurrentServer() {
        assertEquals(72, ErrorCode.CANNOT_PARSE_NUMBER.code());
        assertEquals(400, ErrorCode.CANNOT_PARSE_NUMBER.httpStatus());
        assertEquals(117, ErrorCode.INCORRECT_DATA.code());
        assertEquals(400, ErrorCode.INCORRECT_DATA.httpStatus());
        // codes exceptionCodeToHTTPStatus does not list are answered with 500
        assertEquals(691, ErrorCode.UNKNOWN_ELEMENT_OF_ENUM.code());
        assertEquals(500, ErrorCode.UNKNOWN_ELEMENT_OF_ENUM.httpStatus());
        assertEquals(500, ErrorCode.CANNOT_PARSE_BOOL.httpStatus());
        assertEquals(ErrorCode.CANNOT_PARSE_IPV6, ErrorCode.fromCode(676));
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
