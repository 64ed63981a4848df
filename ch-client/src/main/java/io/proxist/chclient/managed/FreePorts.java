package io.proxist.chclient.managed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface. */
public final class FreePorts {
    private FreePorts() {}

    /** A port that was free a moment ago; the caller must cope with losing a race for it. */
    public static int allocate() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate a loopback port", e);
        }
    }
}
