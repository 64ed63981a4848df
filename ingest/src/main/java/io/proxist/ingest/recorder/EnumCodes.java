package io.proxist.ingest.recorder;

import io.proxist.core.type.DataType;
import java.util.Arrays;

/**
 * The Enum8/Enum16 code of each constant of a Java enum, looked up by {@link SqlEnum#sqlName()} in the column's
 * type once, when the mapper is built. A constant the type does not define has no code ({@link #NONE}).
 */
final class EnumCodes {
    /** No code: the column's type does not define the constant. Outside the Enum16 range. */
    static final int NONE = Integer.MIN_VALUE;

    private final int[] codes;

    private EnumCodes(int[] codes) {
        this.codes = codes;
    }

    static <E extends Enum<E> & SqlEnum> EnumCodes of(DataType type, Class<E> javaEnum) {
        if (!type.is("Enum8") && !type.is("Enum16")) {
            throw new IllegalStateException("not an enum column [type=" + type + ", java=" + javaEnum.getName() + "]");
        }
        E[] constants = javaEnum.getEnumConstants();
        int[] codes = new int[constants.length];
        Arrays.fill(codes, NONE);
        for (DataType.Arg a : type.args()) {
            String entry = a.toString();
            int eq = entry.lastIndexOf('=');
            String quoted = eq < 0 ? "" : entry.substring(0, eq).strip();
            if (quoted.length() < 2 || quoted.charAt(0) != '\'' || quoted.charAt(quoted.length() - 1) != '\'') {
                throw new IllegalStateException("malformed enum entry [type=" + type + ", entry=" + entry + "]");
            }
            String name =
                    quoted.substring(1, quoted.length() - 1).replace("\\'", "'").replace("\\\\", "\\");
            int code = Integer.parseInt(entry.substring(eq + 1).strip());
            for (E c : constants) {
                if (c.sqlName().equals(name)) codes[c.ordinal()] = code;
            }
        }
        return new EnumCodes(codes);
    }

    /** The code of {@code constant}, or {@link #NONE}. */
    int code(Enum<?> constant) {
        return codes[constant.ordinal()];
    }
}
