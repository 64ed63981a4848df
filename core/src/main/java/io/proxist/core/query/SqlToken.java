package io.proxist.core.query;

/** A token of ClickHouse SQL with its source offsets. */
public record SqlToken(Type type, int start, int end, String text) {
    public enum Type {
        WORD,
        QUOTED_ID,
        STRING,
        NUMBER,
        PUNCT
    }

    public boolean isWord(String w) {
        return type == Type.WORD && text.equalsIgnoreCase(w);
    }

    public boolean isPunct(char c) {
        return type == Type.PUNCT && text.length() == 1 && text.charAt(0) == c;
    }

    /** The identifier this token names (a word, or a quoted identifier unquoted). */
    public String identifier() {
        return text;
    }
}
