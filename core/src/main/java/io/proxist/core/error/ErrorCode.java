package io.proxist.core.error;

import java.util.HashMap;
import java.util.Map;

/**
 * ClickHouse error codes Proxist produces or rewrites, with ClickHouse's numbers and names
 * (src/Common/ErrorCodes.cpp, listed in the resource {@code clickhouse-error-codes.txt}) and the HTTP status a
 * current ClickHouse server answers with (its exceptionCodeToHTTPStatus: the parse and bad-data codes are 400, a
 * code it does not list is 500).
 */
public enum ErrorCode {
    UNSUPPORTED_METHOD(1, ErrorCategory.USER, 501),
    UNSUPPORTED_PARAMETER(2, ErrorCategory.USER, 400),
    UNEXPECTED_END_OF_FILE(3, ErrorCategory.USER, 400),
    CANNOT_PARSE_TEXT(6, ErrorCategory.USER, 400),
    CANNOT_PARSE_ESCAPE_SEQUENCE(25, ErrorCategory.USER, 400),
    CANNOT_PARSE_QUOTED_STRING(26, ErrorCategory.USER, 400),
    INCORRECT_NUMBER_OF_COLUMNS(7, ErrorCategory.USER, 400),
    THERE_IS_NO_COLUMN(8, ErrorCategory.USER, 400),
    NO_SUCH_COLUMN_IN_TABLE(16, ErrorCategory.USER, 404),
    NUMBER_OF_COLUMNS_DOESNT_MATCH(20, ErrorCategory.USER, 400),
    CANNOT_PARSE_DATE(38, ErrorCategory.USER, 400),
    CANNOT_PARSE_DATETIME(41, ErrorCategory.USER, 400),
    NUMBER_OF_ARGUMENTS_DOESNT_MATCH(42, ErrorCategory.USER, 400),
    ILLEGAL_TYPE_OF_ARGUMENT(43, ErrorCategory.USER, 400),
    ILLEGAL_COLUMN(44, ErrorCategory.USER, 400),
    UNKNOWN_FUNCTION(46, ErrorCategory.USER, 404),
    UNKNOWN_IDENTIFIER(47, ErrorCategory.USER, 404),
    NOT_IMPLEMENTED(48, ErrorCategory.USER, 501),
    LOGICAL_ERROR(49, ErrorCategory.INTERNAL, 500),
    UNKNOWN_TYPE(50, ErrorCategory.USER, 404),
    TYPE_MISMATCH(53, ErrorCategory.USER, 400),
    TABLE_ALREADY_EXISTS(57, ErrorCategory.USER, 400),
    UNKNOWN_TABLE(60, ErrorCategory.USER, 404),
    ARGUMENT_OUT_OF_BOUND(69, ErrorCategory.USER, 500),
    CANNOT_PARSE_NUMBER(72, ErrorCategory.USER, 400),
    SYNTAX_ERROR(62, ErrorCategory.USER, 400),
    UNKNOWN_AGGREGATE_FUNCTION(63, ErrorCategory.USER, 404),
    CANNOT_READ_ALL_DATA(33, ErrorCategory.USER, 400),
    UNKNOWN_FORMAT(73, ErrorCategory.USER, 404),
    CANNOT_OPEN_FILE(76, ErrorCategory.RESOURCES, 500),
    DATABASE_ALREADY_EXISTS(82, ErrorCategory.USER, 400),
    UNKNOWN_DATABASE(81, ErrorCategory.USER, 404),
    CANNOT_WRITE_TO_FILE_DESCRIPTOR(75, ErrorCategory.RESOURCES, 500),
    UNKNOWN_PACKET_FROM_CLIENT(99, ErrorCategory.USER, 400),
    UNEXPECTED_PACKET_FROM_CLIENT(101, ErrorCategory.USER, 400),
    TOO_LARGE_SIZE_COMPRESSED(39, ErrorCategory.USER, 400),
    CHECKSUM_DOESNT_MATCH(40, ErrorCategory.USER, 400),
    UNKNOWN_COMPRESSION_METHOD(89, ErrorCategory.USER, 400),
    CANNOT_DECOMPRESS(271, ErrorCategory.USER, 400),
    UNKNOWN_SETTING(115, ErrorCategory.USER, 404),
    INCORRECT_DATA(117, ErrorCategory.USER, 400),
    TOO_LARGE_ARRAY_SIZE(128, ErrorCategory.USER, 500),
    CANNOT_PARSE_UUID(376, ErrorCategory.USER, 400),
    CANNOT_PARSE_BOOL(467, ErrorCategory.USER, 500),
    CANNOT_PARSE_IPV4(675, ErrorCategory.USER, 400),
    CANNOT_PARSE_IPV6(676, ErrorCategory.USER, 400),
    UNKNOWN_ELEMENT_OF_ENUM(691, ErrorCategory.USER, 500),
    READONLY(164, ErrorCategory.USER, 403),
    UNKNOWN_USER(192, ErrorCategory.USER, 403),
    WRONG_PASSWORD(193, ErrorCategory.USER, 403),
    REQUIRED_PASSWORD(194, ErrorCategory.USER, 403),
    AUTHENTICATION_FAILED(516, ErrorCategory.USER, 401),
    TIMEOUT_EXCEEDED(159, ErrorCategory.RESOURCES, 408),
    TOO_MANY_SIMULTANEOUS_QUERIES(202, ErrorCategory.RESOURCES, 503),
    NETWORK_ERROR(210, ErrorCategory.RESOURCES, 500),
    SOCKET_TIMEOUT(209, ErrorCategory.RESOURCES, 500),
    ALL_CONNECTION_TRIES_FAILED(279, ErrorCategory.RESOURCES, 500),
    QUERY_WAS_CANCELLED(394, ErrorCategory.USER, 500),
    BAD_ARGUMENTS(36, ErrorCategory.USER, 400),
    ILLEGAL_DIVISION(153, ErrorCategory.USER, 400),
    NO_COMMON_TYPE(386, ErrorCategory.USER, 400),
    MULTIPLE_EXPRESSIONS_FOR_ALIAS(179, ErrorCategory.USER, 400),
    ILLEGAL_AGGREGATION(184, ErrorCategory.USER, 400),
    NOT_AN_AGGREGATE(215, ErrorCategory.USER, 400),
    INVALID_CONFIG_PARAMETER(318, ErrorCategory.USER, 500),
    UNKNOWN_ELEMENT_IN_CONFIG(137, ErrorCategory.USER, 500),
    TOO_LARGE_STRING_SIZE(131, ErrorCategory.USER, 400),
    TOO_MANY_ROWS(158, ErrorCategory.RESOURCES, 400),
    MEMORY_LIMIT_EXCEEDED(241, ErrorCategory.RESOURCES, 500),
    CANNOT_FSYNC(204, ErrorCategory.RESOURCES, 500),
    NOT_ENOUGH_SPACE(243, ErrorCategory.RESOURCES, 507),
    LIMIT_EXCEEDED(290, ErrorCategory.RESOURCES, 500),
    DUPLICATE_COLUMN(15, ErrorCategory.USER, 400),
    CORRUPTED_DATA(246, ErrorCategory.RESOURCES, 500),
    QUERY_IS_TOO_LARGE(229, ErrorCategory.RESOURCES, 413),
    CANNOT_PARSE_INPUT_ASSERTION_FAILED(27, ErrorCategory.USER, 400),
    UNKNOWN_QUERY_PARAMETER(456, ErrorCategory.USER, 400),
    BAD_QUERY_PARAMETER(457, ErrorCategory.USER, 400),
    SESSION_NOT_FOUND(372, ErrorCategory.USER, 404),
    SESSION_IS_LOCKED(373, ErrorCategory.USER, 423),
    HTTP_LENGTH_REQUIRED(381, ErrorCategory.USER, 411),
    UNKNOWN_EXCEPTION(1002, ErrorCategory.INTERNAL, 500);

    private static final Map<Integer, ErrorCode> BY_CODE = new HashMap<>();

    static {
        for (ErrorCode c : values()) {
            if (BY_CODE.put(c.code, c) != null) {
                throw new ExceptionInInitializerError("duplicate ClickHouse error code " + c.code);
            }
        }
    }

    private final int code;
    private final ErrorCategory category;
    private final int httpStatus;

    ErrorCode(int code, ErrorCategory category, int httpStatus) {
        this.code = code;
        this.category = category;
        this.httpStatus = httpStatus;
    }

    /** ClickHouse's numeric code. */
    public int code() {
        return code;
    }

    public ErrorCategory category() {
        return category;
    }

    /** The HTTP status a current ClickHouse server sends with this error. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The code for a ClickHouse number, or {@code null} when Proxist does not know it. */
    public static ErrorCode fromCode(int code) {
        return BY_CODE.get(code);
    }
}
