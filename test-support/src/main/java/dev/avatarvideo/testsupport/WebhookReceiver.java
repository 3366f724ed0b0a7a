package dev.avatarvideo.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A platform that receives webhooks, for tests: records every request and answers with the status a test chooses.
 * {@link Received#signedWith} checks a signature the way the Standard Webhooks specification tells receivers to,
 * independently of the service's own signing code.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(Instant at, String path, String contentType, String id, String timestamp, String signature, String body) {

        /**
         * Whether {@code webhook-signature} holds a {@code v1} signature of {@code id.timestamp.body} under the secret
         * ({@code whsec_} + base64 key), compared in constant time.
         */
        public boolean signedWith(String secret) {
            if (id == null || timestamp == null || signature == null || !secret.startsWith("whsec_")) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
                byte[] expected = Base64.getEncoder().encode(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                for (String candidate : signature.split(" ")) {
                    String[] parts = candidate.split(",", 2);
                    if (parts.length == 2 && parts[0].equals("v1")
                            && MessageDigest.isEqual(expected, parts[1].getBytes(StandardCharsets.US_ASCII))) {
                        return true;
                    }
                }
                return false;
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private volatile IntSupplier status = () -> 204;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var headers = exchange.getRequestHeaders();
                Received request = new Received(Instant.now(), exchange.getRequestURI().toString(), headers.getFirst("Content-Type"),
                        headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"),
                        new String(body, StandardCharsets.UTF_8));
                int answer = receiver.status.getAsInt();
                synchronized (receiver) {
                    receiver.received.add(request);
                    receiver.notifyAll();
                }
                exchange.sendResponseHeaders(answer, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a webhook receiver", e);
        }
    }

    /** An address on this receiver; the path tells endpoints apart. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** What to answer from now on, asked anew for every request. */
    public void answerWith(IntSupplier status) {
        this.status = status;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until the requests received so far satisfy {@code done}; answers them. */
    public synchronized List<Received> awaitReceived(Predicate<List<Received>> done, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!done.test(List.copyOf(received))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the webhook receiver did not get what was expected within " + patience + "; got " + received);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
