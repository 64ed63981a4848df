package io.proxist.pushdown.flush;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy in front of ClickHouse's HTTP port that can fail the next INSERT in two ways: cut the
 * client off before forwarding the request (the insert does not land), or forward it and cut the client off when
 * ClickHouse's answer arrives (the insert landed, the client never hears so). It can also refuse connections
 * (its listening socket closed, live connections reset) and resume on the same port.
 */
final class CuttingProxy implements AutoCloseable {
    enum Cut {
        NONE,
        BEFORE_FORWARD,
        AFTER_RESPONSE
    }

    private static final byte[] INSERT_MARK = "query=INSERT".getBytes(StandardCharsets.US_ASCII);

    private final int targetPort;
    private final int port;
    private final AtomicReference<Cut> armed = new AtomicReference<>(Cut.NONE);
    private final AtomicInteger cuts = new AtomicInteger();
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        acceptLoop(server);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The next INSERT request is cut as given. */
    void arm(Cut cut) {
        armed.set(cut);
    }

    int cuts() {
        return cuts.get();
    }

    /** Connections are refused from now on, and the live ones reset. */
    synchronized void refuse() throws IOException {
        server.close();
        for (Socket s : live) abort(s);
    }

    /** Listens again on the same port. */
    synchronized void resume() throws IOException {
        server = listen(port);
        acceptLoop(server);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void acceptLoop(ServerSocket ss) {
        Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket client = ss.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    live.add(client);
                    live.add(upstream);
                    Connection c = new Connection(client, upstream);
                    Thread.ofVirtual().start(c::clientToServer);
                    Thread.ofVirtual().start(c::serverToClient);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private final class Connection {
        final Socket client;
        final Socket upstream;
        volatile boolean cutOnResponse;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void clientToServer() {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = client.getInputStream();
                    OutputStream out = upstream.getOutputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (contains(buf, n, INSERT_MARK)) {
                        Cut cut = armed.getAndSet(Cut.NONE);
                        if (cut == Cut.BEFORE_FORWARD) {
                            cuts.incrementAndGet();
                            shut();
                            return;
                        }
                        if (cut == Cut.AFTER_RESPONSE) cutOnResponse = true;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other direction or the test closed us
            } finally {
                shut();
            }
        }

        void serverToClient() {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = upstream.getInputStream();
                    OutputStream out = client.getOutputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (cutOnResponse) {
                        cuts.incrementAndGet();
                        shut();
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed
            } finally {
                shut();
            }
        }

        void shut() {
            abort(client);
            abort(upstream);
        }
    }

    private void abort(Socket s) {
        live.remove(s);
        try {
            s.setSoLinger(true, 0); // RST, as a crashed peer or a middlebox would
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static boolean contains(byte[] buf, int n, byte[] mark) {
        outer:
        for (int i = 0; i + mark.length <= n; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (buf[i + j] != mark[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    @Override
    public synchronized void close() throws IOException {
        refuse();
    }
}
