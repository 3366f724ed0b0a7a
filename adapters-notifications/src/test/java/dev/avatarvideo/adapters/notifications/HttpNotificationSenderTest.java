package dev.avatarvideo.adapters.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.avatarvideo.application.contract.NotificationSenderContract;
import dev.avatarvideo.application.fakes.ScriptedHostLookup;
import dev.avatarvideo.application.port.out.notification.NotificationSender;
import dev.avatarvideo.application.port.out.notification.NotificationSender.Outcome;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.testsupport.WebhookReceiver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sender's contract over real HTTP, each receiver a server of its own that checks signatures as the Standard
 * Webhooks specification tells receivers to, and what only real HTTP shows: the body, timeouts, redirects, DNS.
 */
class HttpNotificationSenderTest extends NotificationSenderContract {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:07Z");

    private final WebhookReceiver receiver = WebhookReceiver.start();
    /** The receivers of these tests listen on loopback, which the operator of a real service would have to allow too. */
    private final ScriptedHostLookup dns = new ScriptedHostLookup();
    private final HttpNotificationSender sender = new HttpNotificationSender(Duration.ofSeconds(2), dns, ReceiverAddressPolicy.allowing("127.0.0.1"));
    private final ObjectMapper json = new ObjectMapper();
    /** The contract's receivers, one per status asked for. */
    private final Map<NotificationUrl, WebhookReceiver> receivers = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        receivers.values().forEach(WebhookReceiver::close);
        receiver.close();
        sender.close();
    }

    @Override
    protected NotificationSender sender() {
        return sender;
    }

    @Override
    protected NotificationUrl receiverAnswering(int status) {
        WebhookReceiver answering = WebhookReceiver.start();
        answering.answerWith(() -> status);
        NotificationUrl url = new NotificationUrl(answering.url("/hooks"));
        receivers.put(url, answering);
        return url;
    }

    @Override
    protected NotificationUrl receiverInside() {
        dns.point("hooks.inside.example", "10.20.30.40");
        return new NotificationUrl(URI.create("http://hooks.inside.example:8080/hooks"));
    }

    @Override
    protected List<String> messageIdsReceivedAt(NotificationUrl url) {
        WebhookReceiver answering = receivers.get(url);
        return answering == null ? List.of() : answering.received().stream().map(WebhookReceiver.Received::id).toList();
    }

    @Override
    protected boolean lastSignedWith(NotificationUrl url, SigningSecret secret) {
        return receivers.get(url).received().getLast().signedWith(secret.value());
    }

    @Test
    void postsTheEventSignedWithTheSecretAsAReceiverVerifiesIt() throws Exception {
        SigningSecret secret = SigningSecret.generate();
        StoredFile file = new StoredFile(URI.create("https://files.example/signed?sig=1"), "lesson-1.mp4", 131379, "video/mp4",
                StorageKey.newFor(TENANT, "lesson-1.mp4"), NOW.minusSeconds(1), "sha256:" + "ac".repeat(32), "filesystem");
        VideoId videoId = VideoId.newId();
        VideoEvent ready = new VideoEvent(42, videoId, TENANT, VideoStatus.READY, null, file, NOW.minusSeconds(1));

        Outcome outcome = sender.send(new NotificationUrl(receiver.url("/hooks")), "evt_42", NOW, ready, secret);

        assertThat(outcome).isEqualTo(new Outcome.Delivered(204));
        WebhookReceiver.Received request = receiver.received().getFirst();
        assertThat(request.path()).isEqualTo("/hooks");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.id()).isEqualTo("evt_42");
        assertThat(request.timestamp()).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(request.signature()).startsWith("v1,");
        assertThat(request.signedWith(secret.value())).isTrue();
        assertThat(request.signedWith(SigningSecret.generate().value())).isFalse();
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("type").asText()).isEqualTo("video.ready");
        assertThat(body.get("timestamp").asText()).isEqualTo("2026-11-21T10:00:06Z");
        JsonNode data = body.get("data");
        assertThat(data.get("eventId").asLong()).isEqualTo(42);
        assertThat(data.get("videoId").asText()).isEqualTo(videoId.toString());
        assertThat(data.get("tenantId").asText()).isEqualTo("acme");
        assertThat(data.get("status").asText()).isEqualTo("READY");
        assertThat(data.at("/file/fileUrl").asText()).isEqualTo("https://files.example/signed?sig=1");
        assertThat(data.at("/file/fileSize").asLong()).isEqualTo(131379);
        assertThat(data.at("/file/checksum").asText()).isEqualTo(file.checksum());
        assertThat(data.has("error")).isFalse();
        assertThat(data.has("media")).as("a video stored before parts were kept has none").isFalse();
        assertThat(data.has("captionFiles")).isFalse();
        assertThat(data.has("poster")).isFalse();
        assertThat(data.has("preview")).isFalse();
    }

    @Test
    void aReadyEventCarriesTheWholeLessonAsTheVideoResourceShowsIt() throws Exception {
        StoredFile video = stored("lesson-1.mp4", "video/mp4", 131379, "ac");
        StoredFile srt = stored("lesson-1.srt", "application/x-subrip", 120, "b1");
        StoredFile vtt = stored("lesson-1.vtt", "text/vtt", 130, "b2");
        StoredFile poster = stored("lesson-1-poster.jpg", "image/jpeg", 9000, "b3");
        StoredFile preview = stored("lesson-1-preview.gif", "image/gif", 50000, "b4");
        MediaFacts media = new MediaFacts(Duration.ofMillis(12_480), 1280, 720, "h264", Optional.empty(), 25.0, 84_213);
        VideoEvent ready = new VideoEvent(43, VideoId.newId(), TENANT, VideoStatus.READY, null, video, NOW,
                new LessonParts(Optional.of(srt), Optional.of(vtt), Optional.of(poster), Optional.of(preview), Optional.of(media)));

        sender.send(new NotificationUrl(receiver.url("/hooks")), "evt_43", NOW, ready, SigningSecret.generate());

        JsonNode data = json.readTree(receiver.received().getFirst().body()).get("data");
        assertThat(data.at("/media/durationSeconds").asDouble()).isEqualTo(12.48);
        assertThat(data.at("/media/width").asInt()).isEqualTo(1280);
        assertThat(data.at("/media/height").asInt()).isEqualTo(720);
        assertThat(data.at("/media/videoCodec").asText()).isEqualTo("h264");
        assertThat(data.at("/media").has("audioCodec")).as("a silent video has no audio codec").isFalse();
        assertThat(data.at("/media/framesPerSecond").asDouble()).isEqualTo(25.0);
        assertThat(data.at("/media/bitsPerSecond").asLong()).isEqualTo(84_213);
        assertThat(data.at("/captionFiles/srt/fileName").asText()).isEqualTo("lesson-1.srt");
        assertThat(data.at("/captionFiles/vtt/fileType").asText()).isEqualTo("text/vtt");
        assertThat(data.at("/captionFiles/vtt/checksum").asText()).isEqualTo(vtt.checksum());
        assertThat(data.at("/poster/storagePath").asText()).isEqualTo(poster.storagePath().value());
        assertThat(data.at("/preview/fileUrl").asText()).isEqualTo(preview.fileUrl().toString());
        assertThat(data.at("/preview/fileSize").asLong()).isEqualTo(50000);
    }

    private static StoredFile stored(String name, String type, long size, String hex) {
        return new StoredFile(URI.create("https://files.example/" + name + "?sig=1"), name, size, type, StorageKey.newFor(TENANT, name),
                NOW.minusSeconds(1), "sha256:" + hex.repeat(32), "filesystem");
    }

    @Test
    void aTamperedBodyOrAnotherTimestampNoLongerVerifies() {
        SigningSecret secret = SigningSecret.generate();
        VideoEvent failed = new VideoEvent(7, VideoId.newId(), TENANT, VideoStatus.FAILED, new VideoFailure("render_failed", "no avatar"), null, NOW);
        sender.send(new NotificationUrl(receiver.url("/h")), "evt_7", NOW, failed, secret);
        WebhookReceiver.Received request = receiver.received().getFirst();

        assertThat(request.signedWith(secret.value())).isTrue();
        assertThat(request.body()).contains("\"error\":{\"code\":\"render_failed\",\"message\":\"no avatar\"}");
        assertThat(new WebhookReceiver.Received(request.at(), request.path(), request.contentType(), request.id(), request.timestamp(),
                request.signature(), request.body().replace("no avatar", "all fine")).signedWith(secret.value())).isFalse();
        assertThat(new WebhookReceiver.Received(request.at(), request.path(), request.contentType(), request.id(),
                Long.toString(NOW.getEpochSecond() + 1), request.signature(), request.body()).signedWith(secret.value())).isFalse();
    }

    @Test
    void anythingButA2xxIsAFailureSayingWhat() throws Exception {
        VideoEvent event = new VideoEvent(1, VideoId.newId(), TENANT, VideoStatus.QUEUED, null, null, NOW);
        receiver.answerWith(() -> 500);
        assertThat(sender.send(new NotificationUrl(receiver.url("/h")), "evt_1", NOW, event, SigningSecret.generate()))
                .isEqualTo(new Outcome.Failed("HTTP 500"));
        receiver.answerWith(() -> 302);
        assertThat(sender.send(new NotificationUrl(receiver.url("/h")), "evt_1", NOW, event, SigningSecret.generate()))
                .isEqualTo(new Outcome.Failed("HTTP 302"));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(sender.send(new NotificationUrl(URI.create("http://127.0.0.1:" + closedPort + "/h")), "evt_1", NOW, event, SigningSecret.generate()))
                .isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason()).startsWith("could not reach the receiver"));
    }

    @Test
    void aReceiverThatNeverAnswersIsGivenUpOnAtTheTimeout() throws Exception {
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        silent.createContext("/", exchange -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        silent.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        silent.start();
        try {
            VideoEvent event = new VideoEvent(1, VideoId.newId(), TENANT, VideoStatus.QUEUED, null, null, NOW);
            Outcome outcome = sender.send(new NotificationUrl(URI.create("http://127.0.0.1:" + silent.getAddress().getPort() + "/")),
                    "evt_1", NOW, event, SigningSecret.generate());

            assertThat(outcome).isEqualTo(new Outcome.Failed("no answer within 2000 ms"));
        } finally {
            silent.stop(0);
        }
    }

    @Test
    void anInternalReceiverIsRefusedWithoutAConnectionWhetherNamedByAddressOrByAHostPointingInside() throws Exception {
        VideoEvent event = new VideoEvent(1, VideoId.newId(), TENANT, VideoStatus.QUEUED, null, null, NOW);
        int port = receiver.url("/").getPort();
        dns.point("hooks.attacker.example", "127.0.0.1");
        try (HttpNotificationSender strict = new HttpNotificationSender(Duration.ofSeconds(2), dns, ReceiverAddressPolicy.publicOnly())) {
            for (String url : new String[] {"http://127.0.0.1:" + port + "/h", "http://localhost:" + port + "/h",
                    "http://[::ffff:127.0.0.1]:" + port + "/h", "http://hooks.attacker.example:" + port + "/h"}) {
                Outcome outcome = strict.send(new NotificationUrl(URI.create(url)), "evt_1", NOW, event, SigningSecret.generate());

                assertThat(outcome).as(url).isInstanceOfSatisfying(Outcome.Refused.class, refused -> assertThat(refused.reason())
                        .contains("internal addresses").doesNotContain("127.0.0.1", "localhost", "attacker", Integer.toString(port)));
            }
        }
        assertThat(receiver.received()).as("nothing reached the receiver").isEmpty();
    }

    @Test
    void aHostAllowedByNameIsReachedAtItsInternalAddress() {
        VideoEvent event = new VideoEvent(1, VideoId.newId(), TENANT, VideoStatus.QUEUED, null, null, NOW);
        dns.point("hooks.internal", "127.0.0.1");
        URI url = URI.create("http://hooks.internal:" + receiver.url("/").getPort() + "/named");
        try (HttpNotificationSender named = new HttpNotificationSender(Duration.ofSeconds(2), dns, ReceiverAddressPolicy.allowing("hooks.internal"))) {
            assertThat(named.send(new NotificationUrl(url), "evt_1", NOW, event, SigningSecret.generate())).isEqualTo(new Outcome.Delivered(204));
        }
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::path).containsExactly("/named");
    }

    @Test
    void aHostThatDoesNotResolveIsAnOrdinaryFailureToBeTriedAgain() {
        VideoEvent event = new VideoEvent(1, VideoId.newId(), TENANT, VideoStatus.QUEUED, null, null, NOW);

        assertThat(sender.send(new NotificationUrl(URI.create("https://nowhere.platform.example/h")), "evt_1", NOW, event, SigningSecret.generate()))
                .isEqualTo(new Outcome.Failed("could not reach the receiver: its host does not resolve"));
    }
}
