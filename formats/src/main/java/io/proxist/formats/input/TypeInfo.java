package io.proxist.formats.input;

import io.proxist.core.block.ColumnKind;
import io.proxist.core.block.Columns;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.type.DataType;
import java.util.List;

/** A column type compiled once per decoder: its shape, and for the leaves the {@link Scalar} that parses them. */
final class TypeInfo {
    enum Kind {
        SCALAR,
        NULLABLE,
        ARRAY,
        MAP,
        TUPLE
    }

    final DataType type;
    final Kind kind;
    final Scalar scalar;
    /** NULLABLE and ARRAY: the inner type; MAP: the Tuple(K, V) of an entry. */
    final TypeInfo inner;
    /** TUPLE: the elements; MAP: key and value. */
    final TypeInfo[] elements;
    /** TUPLE: element names when the tuple is named, else null. */
    final String[] names;

    private TypeInfo(DataType type, Kind kind, Scalar scalar, TypeInfo inner, TypeInfo[] elements, String[] names) {
        this.type = type;
        this.kind = kind;
        this.scalar = scalar;
        this.inner = inner;
        this.elements = elements;
        this.names = names;
    }

    static TypeInfo of(DataType wireType, InputSettings s) {
        DataType t = Columns.plainType(wireType);
        return switch (ColumnKind.of(t)) {
            case NULLABLE -> new TypeInfo(t, Kind.NULLABLE, null, of(t.inner(), s), null, null);
            case ARRAY -> new TypeInfo(t, Kind.ARRAY, null, of(t.inner(), s), null, null);
            case MAP -> {
                TypeInfo entry = of(ColumnBuilder.mapEntryType(t), s);
                yield new TypeInfo(t, Kind.MAP, null, entry, entry.elements, null);
            }
            case TUPLE -> {
                List<DataType> inner = t.innerTypes();
                TypeInfo[] e = new TypeInfo[inner.size()];
                for (int i = 0; i < e.length; i++) e[i] = of(inner.get(i), s);
                yield new TypeInfo(t, Kind.TUPLE, null, null, e, tupleNames(t, e.length));
            }
            default -> new TypeInfo(t, Kind.SCALAR, Scalar.of(t, s), null, null, null);
        };
    }

    private static String[] tupleNames(DataType t, int n) {
        String[] names = new String[n];
        int i = 0;
        boolean any = false;
        for (DataType.Arg a : t.args()) {
            if (a instanceof DataType.LiteralArg l) {
                String text = l.text();
                int sp = text.indexOf(' ');
                if (sp <= 0 || text.startsWith("'")) continue;
                String name = text.substring(0, sp);
                if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
                    name = name.substring(1, name.length() - 1);
                }
                if (i < n) names[i] = name;
                any = true;
            }
            i++;
        }
        return any ? names : null;
    }

    boolean isNullable() {
        return kind == Kind.NULLABLE;
    }

    boolean isComposite() {
        return kind == Kind.ARRAY || kind == Kind.MAP || kind == Kind.TUPLE;
    }
}
