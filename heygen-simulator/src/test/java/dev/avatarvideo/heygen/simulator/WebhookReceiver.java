package dev.avatarvideo.heygen.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A webhook endpoint for tests: answers OPTIONS probes and records every POST with its headers and raw body. */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(String path, Map<String, List<String>> headers, byte[] body, Instant receivedAt) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<String> probes = new CopyOnWriteArrayList<>();
    private volatile int probeStatus = 200;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("OPTIONS")) {
                    probes.add(exchange.getRequestURI().getPath());
                    exchange.sendResponseHeaders(probeStatus, -1);
                    return;
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                deliveries.add(new Delivery(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void answerProbesWith(int status) {
        this.probeStatus = status;
    }

    List<String> probes() {
        return new ArrayList<>(probes);
    }

    List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** Waits (generously) until {@code count} deliveries match. */
    List<Delivery> await(int count, Predicate<Delivery> matching) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            List<Delivery> matched = deliveries.stream().filter(matching).toList();
            if (matched.size() >= count) {
                return matched;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("expected " + count + " deliveries, got " + deliveries.stream().filter(matching).count());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
