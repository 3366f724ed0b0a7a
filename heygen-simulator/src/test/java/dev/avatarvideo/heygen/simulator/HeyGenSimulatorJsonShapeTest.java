package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.RawHeyGen.fieldNames;
import static dev.avatarvideo.heygen.simulator.RawHeyGen.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One test per simulator endpoint: the raw JSON it answers carries exactly the field names listed in
 * {@code shared/heygen-api.md} (the HeyGen v3 facts this project builds on), in HeyGen's envelopes.
 */
class HeyGenSimulatorJsonShapeTest {

    private final SettableClock clock = new SettableClock();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofSeconds(60))
            // The receiver is plain HTTP on loopback; HeyGen itself would want https.
            .withHttpWebhookUrlsAllowed(), clock);
    private final RawHeyGen heygen = new RawHeyGen(simulator.baseUrl(), simulator.apiKey());
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        receiver.close();
        simulator.close();
    }

    @Test
    void postVideos() {
        JsonNode body = json(heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR));

        assertThat(fieldNames(body)).containsExactly("data");
        assertThat(fieldNames(body.get("data"))).containsExactly("video_id", "status", "output_format");
        assertThat(body.at("/data/status").asText()).isEqualTo("waiting");
    }

    @Test
    void getVideo() {
        String videoId = heygen.createVideo();
        clock.advance(Duration.ofSeconds(61));

        JsonNode body = json(heygen.get("/v3/videos/" + videoId));

        assertThat(fieldNames(body)).containsExactly("data");
        assertThat(fieldNames(body.get("data"))).containsExactlyInAnyOrder("id", "status", "title", "created_at", "completed_at",
                "duration", "video_url", "captioned_video_url", "subtitle_url", "thumbnail_url", "gif_url", "video_page_url",
                "folder_id", "failure_code", "failure_message");
        assertThat(body.at("/data/status").asText()).isIn("pending", "processing", "completed", "failed");
    }

    @Test
    void getVideoStatuses() {
        String videoId = heygen.createVideo();

        JsonNode body = json(heygen.get("/v3/videos/statuses?video_ids=" + videoId + ",unknown-id"));

        assertThat(fieldNames(body)).containsExactly("data", "has_more", "next_token");
        assertThat(fieldNames(body.at("/data/0"))).containsExactly("video_id", "status");
        assertThat(fieldNames(body.at("/data/1"))).containsExactly("video_id", "status", "error");
        assertThat(body.at("/data/1/status").asText()).isEqualTo("not_found");
    }

    @Test
    void getUsersMe() {
        JsonNode body = json(heygen.get("/v3/users/me"));

        assertThat(fieldNames(body)).containsExactly("data");
        assertThat(fieldNames(body.get("data"))).containsExactly("username", "email", "first_name", "last_name", "billing_type",
                "wallet", "subscription", "usage_based");
    }

    @Test
    void getAvatarLooks() {
        JsonNode body = json(heygen.get("/v3/avatars/looks"));

        assertThat(fieldNames(body)).containsExactly("data", "has_more", "next_token");
        assertThat(fieldNames(body.at("/data/0"))).containsExactly("id", "name", "avatar_type", "gender", "preview_image_url",
                "preview_video_url", "default_voice_id", "supported_api_engines", "tags");
        assertThat(body.at("/data/0/supported_api_engines").isArray()).isTrue();
        assertThat(body.at("/data/0/tags").isArray()).isTrue();
    }

    @Test
    void getVoices() {
        JsonNode body = json(heygen.get("/v3/voices"));

        assertThat(fieldNames(body)).containsExactly("data", "has_more", "next_token");
        assertThat(fieldNames(body.at("/data/0"))).containsExactly("voice_id", "name", "language", "gender", "preview_audio_url",
                "support_pause", "support_locale", "type");
        assertThat(body.at("/data/0/support_pause").isBoolean()).isTrue();
    }

    @Test
    void postWebhookEndpoints() {
        JsonNode body = json(heygen.post("/v3/webhooks/endpoints", """
                {"url": "%s", "events": ["avatar_video.success", "avatar_video.fail"]}""".formatted(receiver.url("/hooks"))));

        assertThat(fieldNames(body)).containsExactly("data");
        assertThat(fieldNames(body.get("data"))).containsExactly("endpoint_id", "url", "events", "status", "created_at", "secret");
        assertThat(body.at("/data/secret").asText()).startsWith("whsec_");
        assertThat(body.at("/data/status").asText()).isEqualTo("enabled");
    }

    @Test
    void getWebhookEndpoints() {
        registerEndpoint();

        JsonNode body = json(heygen.get("/v3/webhooks/endpoints"));

        assertThat(fieldNames(body)).containsExactly("data", "has_more", "next_token");
        assertThat(fieldNames(body.at("/data/0"))).containsExactly("endpoint_id", "url", "events", "status", "created_at", "secret");
        assertThat(body.at("/data/0/secret").isNull()).as("the secret is shown only on create and rotate").isTrue();
    }

    @Test
    void patchWebhookEndpoint() {
        String endpointId = registerEndpoint();

        JsonNode body = json(heygen.patch("/v3/webhooks/endpoints/" + endpointId, "{\"events\": [\"avatar_video.fail\"]}"));

        assertThat(fieldNames(body.get("data"))).containsExactly("endpoint_id", "url", "events", "status", "created_at", "secret");
        assertThat(body.at("/data/events/0").asText()).isEqualTo("avatar_video.fail");
    }

    @Test
    void postWebhookEndpointRotateSecret() {
        String endpointId = registerEndpoint();

        JsonNode body = json(heygen.post("/v3/webhooks/endpoints/" + endpointId + "/rotate-secret", ""));

        assertThat(fieldNames(body)).containsExactly("data");
        assertThat(fieldNames(body.get("data"))).containsExactly("endpoint_id", "secret");
    }

    @Test
    void deleteWebhookEndpoint() {
        String endpointId = registerEndpoint();

        HttpResponse<String> response = heygen.delete("/v3/webhooks/endpoints/" + endpointId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fieldNames(json(response))).containsExactly("data");
        assertThat(json(response).at("/data/endpoint_id").asText()).isEqualTo(endpointId);
    }

    @Test
    void getWebhookEvents() {
        registerEndpoint();
        heygen.createVideo();
        clock.advance(Duration.ofSeconds(61));
        receiver.await(1, d -> true);

        JsonNode body = json(heygen.get("/v3/webhooks/events"));

        assertThat(fieldNames(body)).containsExactly("data", "has_more", "next_token");
        assertThat(fieldNames(body.at("/data/0"))).containsExactly("event_id", "event_type", "event_data", "created_at");
    }

    @Test
    void webhookDeliveryOfASuccessNamesTheAddressUrl() throws Exception {
        registerEndpoint();
        String videoId = heygen.createVideo();
        clock.advance(Duration.ofSeconds(61));

        WebhookReceiver.Delivery delivery = receiver.await(1, d -> true).getFirst();
        JsonNode body = RawHeyGen.JSON.readTree(delivery.body());

        assertThat(fieldNames(body)).containsExactly("event_type", "event_data");
        assertThat(body.get("event_type").asText()).isEqualTo("avatar_video.success");
        assertThat(fieldNames(body.get("event_data"))).contains("video_id", "url", "callback_id")
                .doesNotContain("video_url", "error")
                .isSubsetOf("video_id", "url", "callback_id", "gif_download_url", "video_share_page_url", "folder_id");
        assertThat(body.at("/event_data/video_id").asText()).isEqualTo(videoId);
        assertThat(body.at("/event_data/callback_id").asText()).isEqualTo("our-video-1");
        assertThat(delivery.header("Signature")).matches("[0-9a-f]{64}");
        assertThat(delivery.bodyText().getBytes(StandardCharsets.UTF_8)).isEqualTo(delivery.body());
    }

    @Test
    void webhookDeliveryOfAFailureNamesTheReasonMsg() throws Exception {
        registerEndpoint();
        simulator.useFaults(SimulatorFaults.none().withRenderFailures(1.0));
        heygen.createVideo();
        clock.advance(Duration.ofSeconds(61));

        JsonNode body = RawHeyGen.JSON.readTree(receiver.await(1, d -> true).getFirst().body());

        assertThat(body.get("event_type").asText()).isEqualTo("avatar_video.fail");
        assertThat(fieldNames(body.get("event_data"))).containsExactly("video_id", "msg", "callback_id");
    }

    @Test
    void errorsUseTheV3ErrorEnvelope() {
        HttpResponse<String> invalid = heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR.replace("720p", "360p"));
        HttpResponse<String> unauthorized = heygen.withKey("wrong").get("/v3/users/me");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(fieldNames(json(invalid))).containsExactly("error");
        assertThat(fieldNames(json(invalid).get("error"))).containsExactly("code", "message", "param", "doc_url");
        assertThat(json(invalid).at("/error/code").asText()).isEqualTo("invalid_parameter");
        assertThat(json(invalid).at("/error/doc_url").asText()).isEqualTo("https://developers.heygen.com/docs/error-codes#invalid-parameter");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(fieldNames(json(unauthorized).get("error"))).containsExactly("code", "message", "doc_url");
        assertThat(json(unauthorized).at("/error/code").asText()).isEqualTo("unauthorized");
    }

    private String registerEndpoint() {
        HttpResponse<String> created = heygen.post("/v3/webhooks/endpoints", "{\"url\": \"" + receiver.url("/hooks") + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return json(created).at("/data/endpoint_id").asText();
    }
}
