package dev.avatarvideo.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the service, speaking its HTTP API as far as the client's tests need: videos answered from a map a
 * test sets, and a status stream fed message by message. Records every request.
 */
final class FakeService implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String method, String uri, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().getFirst()).orElse(null);
        }
    }

    private static final String END = "\u0000end";

    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Video id to the JSON {@code GET /api/videos/{id}} answers; absent ones are 404 problems. */
    final Map<String, String> videos = new ConcurrentHashMap<>();
    /** What the next stream answers before streaming: 200, or a refusal. */
    volatile int streamStatus = 200;
    /** Frames for the newest stream; an older one still open hands back what it took and ends. */
    private final LinkedBlockingDeque<String> frames = new LinkedBlockingDeque<>();
    private final AtomicInteger streams = new AtomicInteger();
    private final HttpServer server;

    FakeService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String video(String id, String status) {
        return video(id, status, "\"none\"", "");
    }

    /** A READY video as the service shows one kept with its whole lesson: captions beside it, poster, preview, media facts. */
    static String lesson(String id) {
        return video(id, "READY", "\"sidecar\"", ", \"media\": {\"durationSeconds\": 12.48, \"width\": 1280, \"height\": 720,"
                + " \"videoCodec\": \"h264\", \"audioCodec\": \"aac\", \"framesPerSecond\": 25, \"bitsPerSecond\": 1250000, \"hdr\": false},"
                + " \"captionFiles\": {\"srt\": " + file("v.srt", "application/x-subrip") + ", \"vtt\": " + file("v.vtt", "text/vtt") + "},"
                + " \"poster\": " + file("v-poster.jpg", "image/jpeg") + ", \"preview\": " + file("v-preview.gif", "image/gif"));
    }

    static String file(String name, String type) {
        return "{\"fileUrl\": \"http://files.example/" + name + "\", \"fileName\": \"" + name + "\", \"fileSize\": 10,"
                + " \"fileType\": \"" + type + "\", \"storagePath\": \"default/0123456789abcdef0123456789abcdef.mp4\","
                + " \"uploadedAt\": \"2026-11-21T10:00:05Z\", \"checksum\": \"sha256:ab\", \"provider\": \"filesystem\"}";
    }

    /** {@code captions} as raw JSON, {@code more} appended to the object as it is. */
    static String video(String id, String status, String captions, String more) {
        return "{\"id\": \"" + id + "\", \"status\": \"" + status + "\", \"title\": \"T\", \"resolution\": \"720p\", \"aspectRatio\": \"16:9\","
                + " \"captions\": " + captions + ", \"createdAt\": \"2026-11-21T10:00:00Z\", \"updatedAt\": \"2026-11-21T10:00:05Z\","
                + " \"someFieldFromTheFuture\": 1"
                + (status.equals("READY") ? ", \"file\": {\"fileUrl\": \"http://files.example/v.mp4\", \"fileName\": \"v.mp4\", \"fileSize\": 10,"
                        + " \"fileType\": \"video/mp4\", \"storagePath\": \"default/0123456789abcdef0123456789abcdef.mp4\","
                        + " \"uploadedAt\": \"2026-11-21T10:00:05Z\", \"checksum\": \"sha256:ab\", \"provider\": \"filesystem\"}" : "")
                + (status.equals("FAILED") ? ", \"error\": {\"code\": \"render_failed\", \"message\": \"no\"}" : "")
                + (status.equals("QUEUED") ? ", \"waiting\": {\"reason\": \"heygen-unreachable\", \"detail\": \"HeyGen cannot be reached.\","
                        + " \"since\": \"2026-11-21T10:00:01Z\"}" : "")
                + more + "}";
    }

    /** Sends one event on the open stream (or the next one to open). */
    void streamEvent(long id, String videoId, String status) {
        frames.add(": a comment first\n" + "id: " + id + "\n" + "data: {\"eventId\": " + id + ", \"videoId\": \"" + videoId
                + "\", \"status\": \"" + status + "\", \"occurredAt\": \"2026-11-21T10:00:0" + (id % 10) + "Z\"}\n\n");
    }

    /** Ends the open stream, as a server going away would. */
    void endStream() {
        frames.add(END);
    }

    List<Request> streamRequests() {
        return requests.stream().filter(r -> r.uri().startsWith("/api/events")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String uri = exchange.getRequestURI().toString();
        // A new stream takes over before it is seen, so no frame sent after it was requested goes to an older one.
        int generation = uri.startsWith("/api/events") ? streams.incrementAndGet() : 0;
        requests.add(new Request(exchange.getRequestMethod(), uri, Map.copyOf(exchange.getRequestHeaders()), body));
        if (uri.startsWith("/api/events")) {
            stream(exchange, generation);
        } else if (exchange.getRequestMethod().equals("POST") && uri.equals("/api/videos")) {
            answer(exchange, 202, "application/json", video("v-new", "QUEUED"));
        } else if (uri.startsWith("/api/videos?")) {
            answer(exchange, 200, "application/json", "{\"items\": [" + video("v-1", "READY") + "], \"nextCursor\": \"c2\"}");
        } else if (uri.startsWith("/api/videos/")) {
            String json = videos.get(uri.substring("/api/videos/".length()));
            if (json == null) {
                answer(exchange, 404, "application/problem+json", "{\"type\": \"/problems/not-found\", \"status\": 404, \"detail\": \"no video\"}");
            } else {
                answer(exchange, 200, "application/json", json);
            }
        } else {
            answer(exchange, 404, "text/plain", "no");
        }
    }

    private void stream(HttpExchange exchange, int generation) throws IOException {
        if (streamStatus != 200) {
            answer(exchange, streamStatus, "application/problem+json", "{\"type\": \"/problems/http-" + streamStatus + "\", \"status\": " + streamStatus + "}");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String frame = frames.poll(100, TimeUnit.MILLISECONDS);
                if (generation != streams.get()) {
                    if (frame != null) {
                        frames.addFirst(frame);
                    }
                    return;
                }
                if (frame == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                } else if (frame.equals(END)) {
                    return;
                } else {
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
