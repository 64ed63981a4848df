package io.proxist.core.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name, its default (in the text form a user writes), what it means, and how its
 * text is parsed and validated. All keys are constants of {@link ProxistConfigKeys}.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> {
    private final String name;
    private final String defaultText;
    private final String description;
    private final String typeName;
    private final Function<String, T> parser;

    private ConfigKey(
            String name, String defaultText, String description, String typeName, Function<String, T> parser) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.description = Objects.requireNonNull(description, "description");
        this.typeName = typeName;
        this.parser = parser;
    }

    static ConfigKey<String> string(String name, String defaultText, String description) {
        return new ConfigKey<>(name, defaultText, description, "string", s -> s);
    }

    static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new ConfigKey<>(
                name, Integer.toString(defaultValue), description, "int [" + min + ".." + max + "]", s -> {
                    int v;
                    try {
                        v = Integer.parseInt(s.strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("not an integer");
                    }
                    if (v < min || v > max) {
                        throw new IllegalArgumentException("out of range [" + min + ".." + max + "]");
                    }
                    return v;
                });
    }

    static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ConfigKey<>(name, Boolean.toString(defaultValue), description, "boolean", s -> switch (s.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not true or false");
        });
    }

    static <E extends Enum<E>> ConfigKey<E> enumeration(
            String name, E defaultValue, Class<E> type, String description) {
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : "|").append(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        String allowed = names.toString();
        return new ConfigKey<>(
                name, defaultValue.name().toLowerCase(java.util.Locale.ROOT), description, allowed, s -> {
                    for (E e : type.getEnumConstants()) {
                        if (e.name().equalsIgnoreCase(s.strip())) {
                            return e;
                        }
                    }
                    throw new IllegalArgumentException("not one of " + allowed);
                });
    }

    public String name() {
        return name;
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    public String typeName() {
        return typeName;
    }

    /** Parses and validates a value; throws {@link IllegalArgumentException} saying what is wrong. */
    T parse(String text) {
        return parser.apply(text);
    }

    @Override
    public String toString() {
        return name;
    }
}
