package io.proxist.formats.input;

/**
 * Thrown inside a decoder when the bytes fed so far end inside a row and more may still come. Never escapes {@link
 * InputFormat#next()}: the decoder rolls the row back and waits. Carries no stack trace (it is control flow).
 */
final class NeedMoreInput extends RuntimeException {
    static final NeedMoreInput INSTANCE = new NeedMoreInput();

    private NeedMoreInput() {
        super("more input needed", null, false, false);
    }
}
