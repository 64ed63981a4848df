package io.proxist.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder with a fixed port in front of a server whose port may change: a ClickHouse that is stopped
 * and started again (on new ports) stays reachable at the same address for Proxist. While the target is down a
 * connection is accepted and closed at once, as a stopped server's port would refuse it.
 */
final class TcpForwarder implements AutoCloseable {
    private final ServerSocket server;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private volatile int target;

    TcpForwarder(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("forwarder-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Forwards new connections to {@code port} from now on; the open ones are cut. */
    void retarget(int port) {
        target = port;
        cutAll();
    }

    /** Cuts every open connection (their server went away). */
    void cutAll() {
        for (Socket s : live) close(s);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2_000);
        } catch (IOException refused) {
            close(client);
            close(upstream);
            return;
        }
        live.add(client);
        live.add(upstream);
        Thread.ofVirtual().start(() -> pipe(client, upstream));
        pipe(upstream, client);
    }

    private void pipe(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side went away
        } finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket s) {
        live.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        cutAll();
    }
}
