package dev.avatarvideo.adapters.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.avatarvideo.application.port.out.notification.HostLookup;
import dev.avatarvideo.application.port.out.notification.NotificationSender;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoEvent;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Notifications to the platform as Standard Webhooks: a JSON body {@code {"type", "timestamp", "data"}} POSTed with
 * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}. Only a 2xx counts as delivered;
 * redirects are not followed (a receiver that moved must be registered anew, and a redirect could point inside).
 *
 * <p>Apache HttpClient 5 rather than the JDK's client: its {@link org.apache.hc.client5.http.DnsResolver} is the one
 * place every connection's addresses come from, so {@link ScreenedDnsResolver} decides which address is connected to,
 * at the moment of connecting. The JDK client has no such hook per client (only a resolver for the whole JVM, which
 * would screen HeyGen, S3 and the database too), and checking a name before handing the URL to it would leave a gap
 * in which the name can point elsewhere. No proxy is used, so the address connected to is the receiver's own.
 */
public final class HttpNotificationSender implements NotificationSender, AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final String USER_AGENT = "avatar-video-service-webhooks/1";
    /** Deliveries go out in parallel batches; one busy receiver may take this many connections at once. */
    private static final int CONNECTIONS_PER_RECEIVER = 50;

    private final CloseableHttpClient http;
    private final Duration timeout;
    /** Ends an attempt at its timeout however the receiver dawdles (a trickle of bytes resets every read timeout). */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-deadlines").daemon().factory());
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * @param timeout the most one attempt may take, connecting included
     * @param lookup  where receivers' host names are resolved, for every connection anew
     * @param policy  which of the addresses found may be connected to
     */
    public HttpNotificationSender(Duration timeout, HostLookup lookup, ReceiverAddressPolicy policy) {
        this.timeout = timeout;
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new ScreenedDnsResolver(lookup, policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .setMaxConnPerRoute(CONNECTIONS_PER_RECEIVER)
                        .setMaxConnTotal(CONNECTIONS_PER_RECEIVER * 4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).setConnectionRequestTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .build();
    }

    @Override
    public Outcome send(NotificationUrl url, String messageId, Instant timestamp, VideoEvent event, SigningSecret secret) {
        byte[] body = body(event);
        long seconds = timestamp.getEpochSecond();
        HttpPost request = new HttpPost(url.value());
        request.setHeader("Content-Type", "application/json");
        request.setHeader("webhook-id", messageId);
        request.setHeader("webhook-timestamp", Long.toString(seconds));
        request.setHeader("webhook-signature", StandardWebhookSignature.sign(secret, messageId, seconds, body));
        request.setEntity(new ByteArrayEntity(body, null));
        ScheduledFuture<?> deadline = deadlines.schedule(request::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            int status = http.execute(request, response -> response.getCode());
            return status >= 200 && status < 300 ? new Outcome.Delivered(status) : new Outcome.Failed("HTTP " + status);
        } catch (ScreenedDnsResolver.InternalAddressException e) {
            return new Outcome.Refused(e.getMessage());
        } catch (IOException e) {
            return failure(request.isCancelled(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    private Outcome.Failed failure(boolean pastDeadline, IOException e) {
        if (pastDeadline || e instanceof java.net.SocketTimeoutException) {
            return new Outcome.Failed("no answer within " + timeout.toMillis() + " ms");
        }
        if (e instanceof ConnectTimeoutException) {
            return new Outcome.Failed("could not reach the receiver: no connection within " + timeout.toMillis() + " ms");
        }
        if (e instanceof UnknownHostException) {
            return new Outcome.Failed("could not reach the receiver: its host does not resolve");
        }
        return new Outcome.Failed("could not reach the receiver: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
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

    /**
     * The same fields the live status stream sends for an event; a READY one carries the whole lesson (file, media
     * facts, caption files, poster, preview) so a receiver needs no second request to show it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Data(long eventId, String type, String videoId, String tenantId, String status, Instant occurredAt, Error error, File file,
                Media media, CaptionFiles captionFiles, File poster, File preview) {

        static Data of(VideoEvent event) {
            LessonParts parts = event.parts();
            return new Data(event.id(), event.type(), event.videoId().toString(), event.tenantId().value(), event.status().name(),
                    event.occurredAt(),
                    event.failureReason().map(f -> new Error(f.code(), f.message())).orElse(null),
                    event.storedFile().map(File::of).orElse(null),
                    parts.media().map(Media::of).orElse(null),
                    parts.captionsSrt().isEmpty() ? null
                            : new CaptionFiles(File.of(parts.captionsSrt().get()), File.of(parts.captionsVtt().orElseThrow())),
                    parts.poster().map(File::of).orElse(null),
                    parts.preview().map(File::of).orElse(null));
        }
    }

    /** As the video resource shows it; {@code audioCodec} absent for a video without sound. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Media(double durationSeconds, int width, int height, String videoCodec, String audioCodec, double framesPerSecond,
                 long bitsPerSecond) {

        static Media of(MediaFacts media) {
            return new Media(media.duration().toNanos() / 1e9, media.width(), media.height(), media.videoCodec(),
                    media.audioCodec().orElse(null), media.framesPerSecond(), media.bitsPerSecond());
        }
    }

    record CaptionFiles(File srt, File vtt) {
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
