package io.proxist.core.block;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;

/**
 * Checks that a parsed type is one Proxist can hold and that its arguments have the right shape (a type read
 * from the wire is untrusted: {@code Array(UInt8, 3)} parses but is not a type).
 */
public final class TypeCheck {
    private TypeCheck() {}

    /** Returns {@code t} when it is well formed; throws UNKNOWN_TYPE naming the problem otherwise. */
    public static DataType check(DataType t) {
        ColumnKind kind;
        try {
            kind = ColumnKind.of(t);
        } catch (ProxistException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProxistException(ErrorCode.UNKNOWN_TYPE, "malformed type [type=" + t + "]");
        }
        int typeArgs = 0;
        int literals = 0;
        for (DataType.Arg a : t.args()) {
            if (a instanceof DataType.TypeArg) typeArgs++;
            else literals++;
        }
        boolean ok =
                switch (kind) {
                    case NULLABLE, ARRAY, LOW_CARDINALITY -> typeArgs == 1 && literals == 0;
                    case MAP -> typeArgs == 2 && literals == 0;
                    case TUPLE -> !t.innerTypes().isEmpty();
                    case INT, FLOAT, STRING, FIXED -> typeArgs == 0 && literalsOk(t);
                };
        if (!ok) {
            throw new ProxistException(ErrorCode.UNKNOWN_TYPE, "malformed type [type=" + t + "]");
        }
        for (DataType inner : t.innerTypes()) check(inner);
        if (kind == ColumnKind.NULLABLE && !nullableInner(t.inner())) {
            throw new ProxistException(
                    ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "type cannot be inside Nullable [type=" + t + "]");
        }
        return t;
    }

    private static boolean nullableInner(DataType inner) {
        ColumnKind k = ColumnKind.of(inner);
        return k == ColumnKind.INT || k == ColumnKind.FLOAT || k == ColumnKind.STRING || k == ColumnKind.FIXED;
    }

    private static boolean literalsOk(DataType t) {
        int n = t.args().size();
        try {
            return switch (t.family()) {
                case "FixedString" -> n == 1 && inRange(t.literal(0), 1, 1 << 20);
                case "DateTime" -> n == 0 || (n == 1 && quoted(t.literal(0)));
                case "DateTime64" -> (n == 1 || (n == 2 && quoted(t.literal(1)))) && inRange(t.literal(0), 0, 9);
                case "Decimal" ->
                    n == 2 && inRange(t.literal(0), 1, 76) && inRange(t.literal(1), 0, Integer.parseInt(t.literal(0)));
                case "Decimal32", "Decimal64", "Decimal128", "Decimal256" -> n == 1 && inRange(t.literal(0), 0, 76);
                case "Enum8", "Enum16" ->
                    n > 0 && t.args().stream().allMatch(a -> a.toString().matches("'.*' = -?\\d+"));
                default -> n == 0;
            };
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean inRange(String literal, int min, int max) {
        int v = Integer.parseInt(literal);
        return v >= min && v <= max;
    }

    private static boolean quoted(String literal) {
        return literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'");
    }
}
