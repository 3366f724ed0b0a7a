package dev.avatarvideo.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent events subscriber for tests: opens the stream, reads it on a thread of its own and hands out what
 * arrives, message by message, with a deadline on every wait.
 */
public final class SseStream implements AutoCloseable {

    /** One message: its {@code id} (or null), its {@code data} lines joined, and the comments that came before it. */
    public record Message(String id, String data) {
    }

    /** What the stream's reader saw, in order: a message, a comment, or the end. */
    private sealed interface Item {
    }

    private record MessageItem(Message message) implements Item {
    }

    private record CommentItem(String text) implements Item {
    }

    private record EndItem(String reason) implements Item {
    }

    private final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final String refusal;

    private SseStream(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() == 200) {
            this.refusal = null;
            this.reader = Thread.ofVirtual().start(this::read);
        } else {
            try (InputStream body = response.body()) {
                this.refusal = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
            this.reader = null;
        }
    }

    /** Opens the stream with the given headers; a refusal is answered as it came, with its body readable. */
    public static SseStream open(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        return new SseStream(response);
    }

    public static SseStream open(URI uri) throws IOException, InterruptedException {
        return open(uri, Map.of());
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next message, skipping comments; fails when none comes within {@code patience} or the stream ends. */
    public Message next(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Item item = items.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            switch (item) {
                case null -> throw new AssertionError("no event within " + patience);
                case MessageItem message -> {
                    return message.message();
                }
                case EndItem end -> throw new AssertionError("the stream ended: " + end.reason());
                case CommentItem comment -> {
                    // keep-alives and the like
                }
            }
        }
    }

    /** Whether a message arrives within {@code wait}; comments do not count. */
    public boolean hasMessageWithin(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Item item = items.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null || item instanceof EndItem) {
                return false;
            }
            if (item instanceof MessageItem message) {
                items.add(message);
                return true;
            }
        }
    }

    /** The next comment's text, skipping nothing else; fails when a message comes first. */
    public String nextComment(Duration patience) throws InterruptedException {
        Item item = items.poll(patience.toNanos(), TimeUnit.NANOSECONDS);
        if (item instanceof CommentItem comment) {
            return comment.text();
        }
        throw new AssertionError("expected a comment within " + patience + ", got " + item);
    }

    /** Whether the server ended the stream within {@code patience}, messages still unread counting as not ended. */
    public boolean endsWithin(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Item item = items.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null) {
                return false;
            }
            if (item instanceof EndItem) {
                return true;
            }
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            boolean hasData = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (hasData) {
                        items.add(new MessageItem(new Message(id, data.toString())));
                    }
                    id = null;
                    data.setLength(0);
                    hasData = false;
                } else if (line.startsWith(":")) {
                    items.add(new CommentItem(line.substring(1).strip()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(hasData ? "\n" : "").append(line.substring(5).strip());
                    hasData = true;
                }
            }
            items.add(new EndItem("end of stream"));
        } catch (IOException e) {
            items.add(new EndItem(e.toString()));
        }
    }

    /** The body of an answer other than 200 (a problem document); null for a stream that opened. */
    public String refusal() {
        return refusal;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // closing to stop reading
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
