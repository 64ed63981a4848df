package io.proxist.formats.output;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Byte comparison with a readable account of the first difference, and test resources. */
final class Bytes {
    private Bytes() {}

    static void assertSame(byte[] expected, byte[] actual, String what) {
        if (Arrays.equals(expected, actual)) {
            return;
        }
        int i = Arrays.mismatch(expected, actual);
        int from = Math.max(0, i - 160);
        fail(what + ": first difference at byte " + i + " of " + expected.length + " expected / " + actual.length
                + " actual\n--- expected from " + from + ":\n" + show(expected, from, i + 80) + "\n--- actual from "
                + from + ":\n" + show(actual, from, i + 80));
    }

    private static String show(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(to, b.length); i++) {
            int c = b[i] & 0xFF;
            if (c == '\n') {
                sb.append("\\n\n");
            } else if (c < 0x20 || c >= 0x7F) {
                sb.append(String.format("<%02x>", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    static byte[] resource(String name) {
        try (InputStream in = Bytes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resourceText(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }
}
