package io.proxist.ingest.recorder;

import io.proxist.core.block.build.BytesColumnBuilder;

/**
 * Appends a Java string to a String column as UTF-8 without allocating (unlike {@link
 * BytesColumnBuilder#appendString}). An unpaired surrogate becomes {@code '?'}, as {@link String#getBytes} does.
 */
final class Utf8 {
    private Utf8() {}

    static void append(BytesColumnBuilder b, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b.appendPartByte(c);
            } else if (c < 0x800) {
                b.appendPartByte(0xc0 | (c >> 6));
                b.appendPartByte(0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b.appendPartByte(0xf0 | (cp >> 18));
                b.appendPartByte(0x80 | ((cp >> 12) & 0x3f));
                b.appendPartByte(0x80 | ((cp >> 6) & 0x3f));
                b.appendPartByte(0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                b.appendPartByte('?');
            } else {
                b.appendPartByte(0xe0 | (c >> 12));
                b.appendPartByte(0x80 | ((c >> 6) & 0x3f));
                b.appendPartByte(0x80 | (c & 0x3f));
            }
        }
        b.endValue();
    }
}
