package dev.avatarvideo.testsupport;

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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An HTTP/1.1 proxy in front of a test server that breaks connections for real, the way a failing network or a load
 * balancer does: both sockets of a connection are closed, so each side sees the other vanish. It reads each request's
 * head (and frames its body by {@code Content-Length} or chunked encoding), so it knows what every pooled connection
 * carries at any moment. Two ways to break:
 * <ul>
 *   <li>{@link #breakingDownAfter}: once {@code budget} bytes have gone towards the server every open connection is cut,
 *       and from then on any connection that sends more than {@code allowanceAfterBreak} bytes; small requests (an
 *       abort, a listing) still pass, as to a server that drops large transfers.</li>
 *   <li>{@link #cuttingStreams}: {@link #cutStreams()} cuts every connection whose current request is a stream (its
 *       path matches) and refuses new streams until {@link #allowStreams()}; other requests keep flowing.</li>
 * </ul>
 * Every request head that passes is kept ({@link #requestHeads()}), so a test can check what a client sent; a
 * {@link #recording} proxy does only that.
 */
public final class CuttingProxy implements AutoCloseable {

    private static final long NO_BUDGET = Long.MAX_VALUE;

    private final ServerSocket listener;
    private final URI target;
    private final long budget;
    private final long allowanceAfterBreak;
    private final Predicate<String> isStream;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicBoolean broken = new AtomicBoolean();
    private final AtomicLong cuts = new AtomicLong();
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final AtomicInteger streamsCut = new AtomicInteger();
    private final AtomicInteger streamsRefused = new AtomicInteger();
    private volatile boolean refusingStreams;

    private CuttingProxy(URI target, long budget, long allowanceAfterBreak, Predicate<String> isStream) throws IOException {
        this.target = target;
        this.budget = budget;
        this.allowanceAfterBreak = allowanceAfterBreak;
        this.isStream = isStream;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cutting-proxy-accept").start(this::accept);
    }

    /** A proxy that breaks down once {@code budget} bytes have gone towards {@code target} (see the class comment). */
    public static CuttingProxy breakingDownAfter(URI target, long budget, long allowanceAfterBreak) throws IOException {
        return new CuttingProxy(target, budget, allowanceAfterBreak, path -> false);
    }

    /** A proxy whose {@link #cutStreams()} cuts the requests whose path {@code isStream} accepts. */
    public static CuttingProxy cuttingStreams(URI target, Predicate<String> isStream) throws IOException {
        return new CuttingProxy(target, NO_BUDGET, NO_BUDGET, isStream);
    }

    /** A proxy that cuts nothing and only keeps the request heads, to see what a client sends. */
    public static CuttingProxy recording(URI target) throws IOException {
        return new CuttingProxy(target, NO_BUDGET, NO_BUDGET, path -> false);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** How many connections were cut, by either way of breaking. */
    public long cuts() {
        return cuts.get();
    }

    /** Severs every open stream and refuses new ones. */
    public void cutStreams() {
        refusingStreams = true;
        for (Connection connection : connections) {
            if (connection.streaming) {
                connection.cut();
                streamsCut.incrementAndGet();
            }
        }
    }

    public void allowStreams() {
        refusingStreams = false;
    }

    public int streamsOpened() {
        return streamsOpened.get();
    }

    public int streamsCut() {
        return streamsCut.get();
    }

    public int streamsRefused() {
        return streamsRefused.get();
    }

    /** The head of every request that went through, in the order they arrived (ISO-8859-1, as on the wire). */
    public List<String> requestHeads() {
        return List.copyOf(requestHeads);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getHost(), target.getPort());
                Connection connection = new Connection(client, server, broken.get());
                connections.add(connection);
                Thread.ofVirtual().start(connection::requests);
                Thread.ofVirtual().start(connection::answers);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One client connection and the server connection it is proxied to. */
    private final class Connection {

        private final Socket client;
        private final Socket server;
        /** Opened after the break: may only send its allowance. */
        private final boolean bornBroken;
        private long sent;
        private volatile boolean streaming;

        Connection(Socket client, Socket server, boolean bornBroken) {
            this.client = client;
            this.server = server;
            this.bornBroken = bornBroken;
        }

        /** Client to server, request by request: each head is read to see what the request is, its body copied as it is. */
        void requests() {
            try (InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = server.getOutputStream()) {
                for (byte[] head; (head = readHead(in)) != null; ) {
                    String text = new String(head, StandardCharsets.ISO_8859_1);
                    String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
                    boolean stream = isStream.test(requestLine.length > 1 ? requestLine[1] : "");
                    if (stream && refusingStreams) {
                        streamsRefused.incrementAndGet();
                        return;
                    }
                    if (stream) {
                        streamsOpened.incrementAndGet();
                    }
                    streaming = stream;
                    requestHeads.add(text);
                    if (!forward(out, head, head.length) || !copyBody(in, out, text)) {
                        return;
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away; the other follows below.
            } finally {
                close();
            }
        }

        void answers() {
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                byte[] buffer = new byte[16 * 1024];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away; the other follows below.
            } finally {
                close();
            }
        }

        private boolean copyBody(InputStream in, OutputStream out, String head) throws IOException {
            if (!header(head, "transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
                String length = header(head, "content-length");
                return copyExactly(in, out, length.isEmpty() ? 0 : Long.parseLong(length));
            }
            while (true) {
                byte[] sizeLine = readLine(in);
                if (!forward(out, sizeLine, sizeLine.length)) {
                    return false;
                }
                String size = new String(sizeLine, StandardCharsets.ISO_8859_1).strip().split(";")[0];
                if (Long.parseLong(size, 16) == 0) {
                    return copyTrailers(in, out);
                }
                if (!copyExactly(in, out, Long.parseLong(size, 16) + 2)) {
                    return false;
                }
            }
        }

        private boolean copyTrailers(InputStream in, OutputStream out) throws IOException {
            for (byte[] line; ; ) {
                line = readLine(in);
                if (!forward(out, line, line.length)) {
                    return false;
                }
                if (line.length <= 2) {
                    return true;
                }
            }
        }

        /** A request's body, and not a byte of the next request. */
        private boolean copyExactly(InputStream in, OutputStream out, long length) throws IOException {
            byte[] buffer = new byte[16 * 1024];
            for (long left = length; left > 0; ) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new IOException("the body ended early");
                }
                if (!forward(out, buffer, read)) {
                    return false;
                }
                left -= read;
            }
            return true;
        }

        /** Sends bytes on towards the server unless the budget says this is where the connection breaks. */
        private boolean forward(OutputStream out, byte[] bytes, int length) throws IOException {
            sent += length;
            if (!bornBroken && forwarded.addAndGet(length) > budget && broken.compareAndSet(false, true)) {
                connections.forEach(Connection::cut);
                return false;
            }
            if (bornBroken && sent > allowanceAfterBreak) {
                cut();
                return false;
            }
            out.write(bytes, 0, length);
            return true;
        }

        void cut() {
            close();
            cuts.incrementAndGet();
        }

        void close() {
            connections.remove(this);
            closeQuietly(client);
            closeQuietly(server);
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

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        throw new IOException("the body ended early");
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
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
