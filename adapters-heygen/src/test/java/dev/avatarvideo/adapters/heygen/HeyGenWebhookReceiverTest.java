package dev.avatarvideo.adapters.heygen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.avatarvideo.application.fakes.InMemoryVideoWork;
import dev.avatarvideo.application.fakes.InMemoryVideos;
import dev.avatarvideo.application.fakes.InMemoryWebhookRegistrations;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations.WebhookRegistration;
import dev.avatarvideo.application.service.RenderEventReceiver;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.WebhookSecret;
import dev.avatarvideo.inbound.WebhookAnswer;
import dev.avatarvideo.inbound.WebhookCall;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * HeyGen's webhook as the web server hands it calls, on the real receiving service with in-memory out-ports: HeyGen's
 * format, header names and signature scheme. How answers become HTTP is the web server's (its {@code WebhookRoutesTest});
 * the whole way is walked end to end in bootstrap ({@code WebhookSecurityEndToEndTest}, the hostile suite).
 */
class HeyGenWebhookReceiverTest {

    private static final WebhookSecret SECRET = new WebhookSecret("whsec_routes");
    private static final RendererAccount SERVICE_ACCOUNT = new RendererAccount("0123456789ab");

    private final TestClock clock = new TestClock();
    private final InMemoryVideos videos = new InMemoryVideos();
    private final InMemoryVideoWork work = new InMemoryVideoWork(videos);
    private final InMemoryWebhookRegistrations registrations = new InMemoryWebhookRegistrations();
    private final RenderEventReceiver events = new RenderEventReceiver(work, registrations, new HeyGenWebhookDeliveries(), SERVICE_ACCOUNT,
            List.of(), clock);
    private final HeyGenWebhookReceiver webhook = new HeyGenWebhookReceiver(events);
    private final AvatarVideo rendering;

    HeyGenWebhookReceiverTest() {
        registrations.save(new WebhookRegistration(SERVICE_ACCOUNT, URI.create("https://x/webhooks/heygen"), "ep", SECRET, clock.now()));
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), "v", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, clock.now());
        videos.add(video);
        rendering = videos.update(video.startRendering(new RenderId("render-1"), clock.now()));
        work.startTracking(video.id(), SERVICE_ACCOUNT, clock.now(), clock.now().plus(Duration.ofMinutes(10)));
    }

    @Test
    void aSignedSuccessIsAcceptedOnceAndADuplicateChangesNothing() throws Exception {
        String body = success("render-1");

        WebhookAnswer first = call(body, "Signature", hex(SECRET, body));
        WebhookAnswer again = call(body, "Signature", hex(SECRET, body));

        assertThat(first).isEqualTo(new WebhookAnswer.Received(Map.of("received", true)));
        assertThat(again).isEqualTo(new WebhookAnswer.Received(Map.of("received", true, "duplicate", true)));
        assertThat(events.applyReceived()).isEqualTo(1);
        assertThat(work.claimForIngest(clock.now(), 10)).extracting(AvatarVideo::id).containsExactly(rendering.id());
    }

    @Test
    void acceptsTheOtherHeaderNameAndASha256Prefix() throws Exception {
        assertThat(call(success("render-1"), "X-HeyGen-Signature", hex(SECRET, success("render-1")))).isInstanceOf(WebhookAnswer.Received.class);
        String failure = "{\"event_type\":\"avatar_video.fail\",\"event_data\":{\"video_id\":\"render-1\",\"msg\":\"boom\"}}";
        assertThat(call(failure, "Signature", "sha256=" + hex(SECRET, failure).toUpperCase(Locale.ROOT))).isInstanceOf(WebhookAnswer.Received.class);
        assertThat(work.deliveries()).isEqualTo(2);
    }

    @Test
    void forgedTamperedAndUnsignedCallsAreRefusedSayingWhatIsExpectedAndKeepNothing() throws Exception {
        String body = success("render-1");
        String tampered = body.replace("render-1", "render-2");

        for (WebhookAnswer refused : List.of(
                call(body, "Signature", hex(new WebhookSecret("whsec_forged"), body)),
                call(tampered, "Signature", hex(SECRET, body)),
                call(body, null, null),
                call(body, "Signature", "not-hex"),
                call(body, "Signature", ""))) {
            assertThat(refused).isInstanceOfSatisfying(WebhookAnswer.Unauthenticated.class, unauthenticated ->
                    assertThat(unauthenticated.detail()).contains("Signature").doesNotContain(SECRET.value()));
        }
        assertThat(work.deliveries()).isZero();
    }

    @Test
    void unknownEventTypesAreAcknowledgedAndIgnored() throws Exception {
        String gif = "{\"event_type\":\"avatar_video_gif.success\",\"event_data\":{\"video_id\":\"render-1\"}}";

        WebhookAnswer answer = call(gif, "Signature", hex(SECRET, gif));

        assertThat(answer).isInstanceOfSatisfying(WebhookAnswer.Received.class, received ->
                assertThat(received.body()).containsEntry("ignored", true).containsEntry("reason",
                        "event type 'avatar_video_gif.success' is not one this service tracks"));
        assertThat(work.deliveries()).isZero();
    }

    @Test
    void aSignedButBrokenBodyIsUnreadableNamingWhatIsMissingAndAnUnsignedOneLearnsNothing() throws Exception {
        String broken = "{\"event_type\":\"avatar_video.success\",\"event_data\":{}}";
        String notJson = "<xml/>";

        assertThat(call(broken, "Signature", hex(SECRET, broken))).isInstanceOfSatisfying(WebhookAnswer.Unreadable.class, unreadable ->
                assertThat(unreadable.detail()).contains("video_id"));
        assertThat(call(notJson, "Signature", hex(SECRET, notJson))).isInstanceOf(WebhookAnswer.Unreadable.class);
        assertThat(call(notJson, null, null)).as("unsigned: nothing is said about the body").isInstanceOf(WebhookAnswer.Unauthenticated.class);
        assertThat(work.deliveries()).isZero();
    }

    @Test
    void aBodyTheServersChecksRefusedKeepsNothingEvenWhenSigned() throws Exception {
        String nul = "{\"event_type\":\"avatar_video.success\",\"event_data\":{\"video_id\":\"render-1\\u0000\\nforged\"}}";

        WebhookAnswer signed = webhook.answer(new WebhookCall(Optional.empty(), headers("Signature", hex(SECRET, nul)), bytes(nul), false));
        WebhookAnswer unsigned = webhook.answer(new WebhookCall(Optional.empty(), headers("Signature", "00"), bytes(nul), false));

        assertThat(signed).as("the server words the refusal").isInstanceOf(WebhookAnswer.Unreadable.class);
        assertThat(unsigned).as("an unsigned caller learns only that").isInstanceOf(WebhookAnswer.Unauthenticated.class);
        assertThat(events.applyReceived()).isZero();
        assertThat(work.deliveries()).isZero();
    }

    @Test
    void aTenantAccountsSecretVerifiesCallsToItsOwnAddressOnly() throws Exception {
        WebhookSecret tenants = new WebhookSecret("whsec_tenant_account");
        String account = "aaaaaaaaaaaa";
        registrations.save(new WebhookRegistration(new RendererAccount(account), URI.create("https://x/webhooks/heygen/" + account), "ep2",
                tenants, clock.now()));
        String body = success("render-1");

        assertThat(call(Optional.empty(), body, hex(tenants, body))).as("not at the service's address").isInstanceOf(WebhookAnswer.Unauthenticated.class);
        assertThat(call(Optional.of(account), body, hex(SECRET, body))).as("the service's secret does not verify a tenant account's calls")
                .isInstanceOf(WebhookAnswer.Unauthenticated.class);
        assertThat(call(Optional.of("bbbbbbbbbbbb"), body, hex(tenants, body))).as("another account").isInstanceOf(WebhookAnswer.Unauthenticated.class);
        assertThat(call(Optional.of(account), body, hex(tenants, body))).isInstanceOf(WebhookAnswer.Received.class);
        assertThat(webhook.accepts(account)).isTrue();
        assertThat(webhook.accepts("NOT-HEX")).as("no address of ours: the server answers 404").isFalse();
        assertThat(webhook.accepts("aaaaaaaaaaa")).isFalse();
    }

    @Test
    void describesBothAddressesForTheApiDescription() throws Exception {
        JsonNode description = new ObjectMapper(new YAMLFactory()).readTree(webhook.apiDescription());

        assertThat(webhook.path()).isEqualTo("/webhooks/heygen");
        assertThat(description.at("/paths/~1webhooks~1heygen/post/operationId").asText()).isEqualTo("heygenWebhook");
        assertThat(description.at("/paths/~1webhooks~1heygen~1{account}/options/operationId").asText()).isEqualTo("heygenAccountWebhookProbe");
        assertThat(description.at("/components/parameters/HeyGenSignature/name").asText()).isEqualTo("Signature");
    }

    private WebhookAnswer call(String body, String header, String signature) {
        return webhook.answer(new WebhookCall(Optional.empty(), header == null ? name -> List.of() : headers(header, signature), bytes(body), true));
    }

    private WebhookAnswer call(Optional<String> account, String body, String signature) {
        return webhook.answer(new WebhookCall(account, headers("Signature", signature), bytes(body), true));
    }

    /** Headers as a server hands them: by name in any case. */
    private static java.util.function.Function<String, List<String>> headers(String header, String value) {
        return name -> name.equalsIgnoreCase(header) && !value.isEmpty() ? List.of(value) : List.of();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String success(String renderId) {
        return "{\"event_type\":\"avatar_video.success\",\"event_data\":{\"video_id\":\"" + renderId
                + "\",\"url\":\"https://evil.example/not-the-video.mp4\",\"callback_id\":null}}";
    }

    static String hex(WebhookSecret secret, String body) throws Exception {
        return HexFormat.of().formatHex(hmac(secret, bytes(body)));
    }

    static byte[] hmac(WebhookSecret secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }
}
