package io.proxist.core.type;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A ClickHouse data type as written in DDL: a family name and its arguments, which are nested types or
 * literals ({@code DateTime64(9, 'UTC')}, {@code Array(LowCardinality(String))}, {@code Enum8('a' = 1)}).
 * Immutable; {@link #toString()} gives ClickHouse's canonical spelling.
 */
public record DataType(String family, List<Arg> args) {

    /** An argument of a parametric type. */
    public sealed interface Arg permits TypeArg, LiteralArg {}

    /** A nested type, as in {@code Array(String)}. */
    public record TypeArg(DataType type) implements Arg {
        @Override
        public String toString() {
            return type.toString();
        }
    }

    /** A literal argument kept as written: a number, a quoted string, an enum entry {@code 'a' = 1}. */
    public record LiteralArg(String text) implements Arg {
        @Override
        public String toString() {
            return text;
        }
    }

    public DataType {
        Objects.requireNonNull(family, "family");
        args = List.copyOf(args);
    }

    public static DataType of(String family) {
        return new DataType(family, List.of());
    }

    public static DataType parse(String text) {
        return TypeParser.parse(text);
    }

    /** The first nested type, for wrappers such as Nullable, Array and LowCardinality. */
    public DataType inner() {
        for (Arg a : args) {
            if (a instanceof TypeArg t) {
                return t.type();
            }
        }
        throw new IllegalStateException("type has no nested type [type=" + this + "]");
    }

    /** The {@code i}-th argument as written, for literal parameters such as precision or N. */
    public String literal(int i) {
        if (i >= args.size() || !(args.get(i) instanceof LiteralArg l)) {
            throw new IllegalStateException("type has no literal argument " + i + " [type=" + this + "]");
        }
        return l.text();
    }

    /** The nested types, in order, for Tuple and Map. */
    public java.util.List<DataType> innerTypes() {
        java.util.List<DataType> out = new java.util.ArrayList<>();
        for (Arg a : args) {
            if (a instanceof TypeArg t) {
                out.add(t.type());
            } else if (a instanceof LiteralArg l
                    && l.text().indexOf(' ') > 0
                    && !l.text().startsWith("'")) {
                out.add(DataType.parse(l.text().substring(l.text().indexOf(' ') + 1))); // named tuple element
            }
        }
        return out;
    }

    public boolean is(String name) {
        return family.equals(name);
    }

    /** Rewrites this type bottom-up: nested types first, then this node. */
    public DataType rewrite(UnaryOperator<DataType> rule) {
        DataType self = this;
        if (!args.isEmpty()) {
            boolean changed = false;
            Arg[] out = new Arg[args.size()];
            for (int i = 0; i < out.length; i++) {
                Arg a = args.get(i);
                if (a instanceof TypeArg t) {
                    DataType r = t.type().rewrite(rule);
                    changed |= r != t.type();
                    out[i] = r == t.type() ? a : new TypeArg(r);
                } else {
                    out[i] = a;
                }
            }
            if (changed) {
                self = new DataType(family, List.of(out));
            }
        }
        return rule.apply(self);
    }

    /** True if this type or any nested type has the given family. */
    public boolean contains(String name) {
        if (family.equals(name)) {
            return true;
        }
        for (Arg a : args) {
            if (a instanceof TypeArg t && t.type().contains(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        if (args.isEmpty()) {
            return family;
        }
        StringBuilder sb = new StringBuilder(family).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(args.get(i));
        }
        return sb.append(')').toString();
    }
}
