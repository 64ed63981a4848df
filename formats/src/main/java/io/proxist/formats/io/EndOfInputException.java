package io.proxist.formats.io;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/**
 * The input ended inside a value. From a buffer that may still grow (a Netty decoder's cumulation) it means
 * "wait for more bytes"; from a finished stream it is the client's error.
 */
public final class EndOfInputException extends ProxistException {
    public EndOfInputException(String where) {
        super(ErrorCode.CANNOT_READ_ALL_DATA, "unexpected end of input " + where);
    }
}
