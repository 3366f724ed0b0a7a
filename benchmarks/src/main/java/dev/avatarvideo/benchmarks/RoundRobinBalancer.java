package dev.avatarvideo.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one public address in front of several service instances, as a load balancer is: each request goes to the next
 * instance in turn. In webhook mode every instance registers this address, so HeyGen's webhooks spread over the
 * instances as they would in production instead of all landing on one.
 */
final class RoundRobinBalancer implements AutoCloseable {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

    private final List<URI> instances = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpServer server;

    private RoundRobinBalancer(HttpServer server) {
        this.server = server;
    }

    static RoundRobinBalancer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            RoundRobinBalancer balancer = new RoundRobinBalancer(server);
            server.createContext("/", balancer::forward);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the balancer", e);
        }
    }

    URI baseUrl() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** From now on requests go to this instance too. */
    void add(URI instance) {
        instances.add(instance);
    }

    /** Answers 502 when the instance cannot be reached, as a balancer would; the caller (HeyGen) retries. */
    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(proxied(exchange), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException | IllegalStateException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private HttpRequest proxied(HttpExchange exchange) throws IOException {
        if (instances.isEmpty()) {
            throw new IllegalStateException("no instance behind the balancer yet");
        }
        URI target = instances.get(Math.floorMod(next.getAndIncrement(), instances.size())).resolve(exchange.getRequestURI().toString());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
