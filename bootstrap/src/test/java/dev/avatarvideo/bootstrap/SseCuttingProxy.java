package dev.avatarvideo.bootstrap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between a client and the service that can cut live status streams for real: {@link #cutStreams()}
 * closes both sockets of every connection carrying a stream (the service sees its client vanish, the client sees
 * its connection die) and refuses new streams until {@link #allowStreams()}; plain requests keep flowing. It reads
 * each request's head to tell streams ({@code /api/events}, {@code /api/videos/{id}/events}) from the rest, so it
 * does not matter which pooled connection a client sends them on.
 */
final class SseCuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final URI target;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final AtomicInteger streamsCut = new AtomicInteger();
    private final AtomicInteger streamsRefused = new AtomicInteger();
    private volatile boolean refusing;

    private final class Connection {

        final Socket client;
        final Socket server;
        volatile boolean streaming;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void close() {
            connections.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    SseCuttingProxy(URI target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("sse-cutting-proxy").start(this::accept);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Severs every open stream and refuses new ones. */
    void cutStreams() {
        refusing = true;
        for (Connection connection : connections) {
            if (connection.streaming) {
                connection.close();
                streamsCut.incrementAndGet();
            }
        }
    }

    void allowStreams() {
        refusing = false;
    }

    int streamsOpened() {
        return streamsOpened.get();
    }

    int streamsCut() {
        return streamsCut.get();
    }

    int streamsRefused() {
        return streamsRefused.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getHost(), target.getPort());
                Connection connection = new Connection(client, server);
                connections.add(connection);
                Thread.ofVirtual().start(() -> requests(connection));
                Thread.ofVirtual().start(() -> answers(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Client to service, request by request: heads are read to see what each request is, bodies copied as they are. */
    private void requests(Connection connection) {
        try (InputStream in = new BufferedInputStream(connection.client.getInputStream()); OutputStream out = connection.server.getOutputStream()) {
            while (true) {
                byte[] head = readHead(in);
                if (head == null) {
                    return;
                }
                String text = new String(head, StandardCharsets.ISO_8859_1);
                String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
                String path = requestLine.length > 1 ? requestLine[1] : "";
                boolean stream = path.startsWith("/api/events") || path.matches("/api/videos/[^/?]+/events.*");
                if (stream && refusing) {
                    streamsRefused.incrementAndGet();
                    return;
                }
                if (stream) {
                    streamsOpened.incrementAndGet();
                }
                connection.streaming = stream;
                out.write(head);
                copyExactly(in, out, contentLength(text));
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            connection.close();
        }
    }

    private void answers(Connection connection) {
        try (InputStream in = connection.server.getInputStream(); OutputStream out = connection.client.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            connection.close();
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        return null;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    /** A request's body, and not a byte of the next request. */
    private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = length; left > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the body ended early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        connections.forEach(Connection::close);
    }
}
