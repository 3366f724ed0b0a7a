package dev.avatarvideo.adapters.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.avatarvideo.application.port.out.NotificationSender;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

/**
 * Notifications to the platform as Standard Webhooks: a JSON body {@code {"type", "timestamp", "data"}} POSTed with
 * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}. Only a 2xx counts as delivered;
 * redirects are not followed (a receiver that moved must be registered anew), and the answer's body is never read.
 */
public final class HttpNotificationSender implements NotificationSender {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final String USER_AGENT = "avatar-video-service-webhooks/1";

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** @param timeout the most one attempt may take, connecting included */
    public HttpNotificationSender(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Outcome send(NotificationUrl url, String messageId, Instant timestamp, VideoEvent event, SigningSecret secret) {
        byte[] body = body(event);
        long seconds = timestamp.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url.value())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(seconds))
                .header("webhook-signature", StandardWebhookSignature.sign(secret, messageId, seconds, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? new Outcome.Delivered(status) : new Outcome.Failed("HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Outcome.Failed("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Outcome.Failed("could not reach the receiver: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted while sending");
        }
    }

    byte[] body(VideoEvent event) {
        try {
            return json.writeValueAsBytes(new Payload(event.type(), event.occurredAt(), Data.of(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write event " + event.id() + " as JSON", e);
        }
    }

    /** The Standard Webhooks envelope; {@code timestamp} is when the change happened. */
    record Payload(String type, Instant timestamp, Data data) {
    }

    /** The same fields the live status stream sends for an event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Data(long eventId, String type, String videoId, String tenantId, String status, Instant occurredAt, Error error, File file) {

        static Data of(VideoEvent event) {
            return new Data(event.id(), event.type(), event.videoId().toString(), event.tenantId().value(), event.status().name(),
                    event.occurredAt(),
                    event.failureReason().map(f -> new Error(f.code(), f.message())).orElse(null),
                    event.storedFile().map(File::of).orElse(null));
        }
    }

    record Error(String code, String message) {
    }

    record File(String fileUrl, String fileName, long fileSize, String fileType, String storagePath, Instant uploadedAt, String checksum,
                String provider) {

        static File of(StoredFile file) {
            return new File(file.fileUrl().toString(), file.fileName(), file.fileSize(), file.fileType(), file.storagePath().value(),
                    file.uploadedAt(), file.checksum(), file.provider());
        }
    }
}
