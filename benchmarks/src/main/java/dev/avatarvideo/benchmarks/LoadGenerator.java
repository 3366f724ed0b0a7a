package dev.avatarvideo.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP/1.1 load generator: a number of keep-alive connections, each sending its next request as soon as
 * the answer to the last one is read, on plain sockets (no client library between it and the server, so it costs the
 * same for every endpoint). Latency of every request after the warm-up goes into an HdrHistogram.
 */
final class LoadGenerator {

    /** The outcome of one measured phase. */
    record Result(long requests, long unexpected, double seconds, Histogram latencyNanos) {

        double requestsPerSecond() {
            return requests / seconds;
        }

        double p50Millis() {
            return latencyNanos.getValueAtPercentile(50) / 1e6;
        }

        double p99Millis() {
            return latencyNanos.getValueAtPercentile(99) / 1e6;
        }
    }

    private LoadGenerator() {
    }

    /**
     * @param requests the raw bytes of the n-th request of a connection (requests must keep the connection open)
     * @param expectedStatus any other status counts as unexpected (and is still timed)
     */
    static Result run(URI server, int connections, Duration warmUp, Duration measure, IntFunction<byte[]> requests, int expectedStatus) {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        AtomicLong unexpected = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Histogram histogram = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
            histograms.add(histogram);
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
                    socket.setSoTimeout(60_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                    int n = 0;
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        out.write(requests.apply(n++));
                        out.flush();
                        int status = readResponse(in);
                        long done = System.nanoTime();
                        if (now >= measureFrom) {
                            histogram.recordValue(Math.min(done - now, histogram.getHighestTrackableValue()));
                            if (status != expectedStatus) {
                                unexpected.incrementAndGet();
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a load connection failed: " + failures.getFirst(), failures.getFirst());
        }
        Histogram all = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
        histograms.forEach(all::add);
        return new Result(all.getTotalCount(), unexpected.get(), measure.toNanos() / 1e9, all);
    }

    static byte[] get(URI server, String path, String... headers) {
        return request("GET", server, path, null, headers);
    }

    /** One keep-alive connection for a client that needs the answers' bodies. */
    static final class Connection implements AutoCloseable {
        private final Socket socket = new Socket();
        private final OutputStream out;
        private final InputStream in;

        Connection(URI server) throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        /** Sends a request and answers the body of its answer. */
        String exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            int status = readResponse(in, body);
            if (status != 200) {
                throw new IOException("answered " + status + ": " + body.toString(StandardCharsets.UTF_8));
            }
            return body.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static byte[] post(URI server, String path, String json, String... headers) {
        return request("POST", server, path, json, headers);
    }

    private static byte[] request(String method, URI server, String path, String body, String... headers) {
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(server.getHost()).append(':').append(server.getPort()).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    /** Reads one response (Content-Length or chunked body) and answers its status. */
    static int readResponse(InputStream in) throws IOException {
        return readResponse(in, null);
    }

    /** The same, keeping the body in {@code body} when it is given. */
    static int readResponse(InputStream in, java.io.ByteArrayOutputStream body) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            while (true) {
                String size = readLine(in);
                int semicolon = size.indexOf(';');
                long chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (chunk == 0) {
                    while ((line = readLine(in)) != null && !line.isEmpty()) {
                        // trailers
                    }
                    break;
                }
                skip(in, chunk, body);
                readLine(in);
            }
        } else if (length > 0) {
            skip(in, length, body);
        }
        return status;
    }

    private static void skip(InputStream in, long bytes, java.io.ByteArrayOutputStream body) throws IOException {
        if (body != null) {
            body.write(in.readNBytes((int) bytes));
            return;
        }
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the body ended early");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            line.append((char) b);
        }
        return line.isEmpty() ? null : line.toString();
    }
}
