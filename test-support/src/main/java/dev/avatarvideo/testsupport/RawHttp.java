package dev.avatarvideo.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 written byte by byte over a plain socket, for requests no HTTP client would send: broken framing, raw
 * bytes in the request line, headers with control characters. The request is sent whole, the sending side closed
 * (so a body shorter than its length ends there), and the answer read until the server closes or a timeout.
 */
public final class RawHttp {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private RawHttp() {
    }

    /** An answer as it came: the status, the headers (names in lower case, the last value of each), the body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * The server's answer, or empty when it closed the connection without one. The request is written while the answer
     * is read: a server may answer (a 413, say) and close before it has read everything, as it should.
     */
    public static Optional<Answer> exchange(String host, int port, byte[] request) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    socket.getOutputStream().write(request);
                    socket.getOutputStream().flush();
                    socket.shutdownOutput();
                } catch (IOException e) {
                    // The server stopped reading; its answer, if any, is what counts.
                }
            });
            Optional<Answer> answer = parse(readAll(socket.getInputStream()));
            writer.join(PATIENCE.toMillis());
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("exchange with " + host + ":" + port + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Until the server closes, or as soon as one whole answer is in (or the head of an event stream, which never ends). */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
                if (complete(received.toByteArray())) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // What came so far is the answer; a server that keeps the connection open after answering is no fault.
        } catch (IOException e) {
            // A reset after the answer was sent: keep what arrived.
        }
        return received.toByteArray();
    }

    private static boolean complete(byte[] received) {
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = text.substring(0, headEnd).toLowerCase(Locale.ROOT);
        if (head.contains("\r\ncontent-type: text/event-stream")) {
            return true;
        }
        int at = head.indexOf("\r\ncontent-length:");
        if (at < 0 || head.startsWith("http/1.1 1")) {
            return false;
        }
        int end = head.indexOf("\r\n", at + 2);
        long length = Long.parseLong(head.substring(at + "\r\ncontent-length:".length(), end < 0 ? head.length() : end).strip());
        return received.length - (headEnd + 4) >= length;
    }

    /** Only the first answer counts; a body is cut to its Content-Length when there is one. */
    static Optional<Answer> parse(byte[] received) {
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || headEnd < 0) {
            return Optional.empty();
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        int bodyStart = headEnd + 4;
        int bodyEnd = received.length;
        if (headers.containsKey("content-length")) {
            bodyEnd = Math.min(received.length, bodyStart + Integer.parseInt(headers.get("content-length")));
        }
        byte[] body = new byte[Math.max(0, bodyEnd - bodyStart)];
        System.arraycopy(received, bodyStart, body, 0, body.length);
        boolean chunked = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
        return Optional.of(new Answer(status, headers, chunked ? dechunk(body) : body));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";", 2)[0].strip(), 16);
            if (size == 0 || lineEnd + 2 + size > chunked.length) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }
}
