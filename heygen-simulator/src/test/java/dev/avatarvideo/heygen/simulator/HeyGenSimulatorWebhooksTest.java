package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.RawHeyGen.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook endpoints, signed deliveries, and the delivery faults HeyGen's undocumented retries make likely. */
class HeyGenSimulatorWebhooksTest {

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
    void registrationProbesTheUrlWithOptionsAndRefusesOneThatFails() {
        String secret = register("/hooks").at("/data/secret").asText();
        assertThat(receiver.probes()).containsExactly("/hooks");
        assertThat(secret).startsWith("whsec_");

        receiver.answerProbesWith(405);
        HttpResponse<String> refused = heygen.post("/v3/webhooks/endpoints", "{\"url\": \"" + receiver.url("/other") + "\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).at("/error/param").asText()).isEqualTo("url");
        assertThat(json(heygen.get("/v3/webhooks/endpoints")).get("data")).hasSize(1);
    }

    @Test
    void aFinishedRenderIsDeliveredSignedWithTheEndpointSecretOverTheRawBody() throws Exception {
        String secret = register("/hooks").at("/data/secret").asText();
        String videoId = heygen.createVideo();

        clock.advance(Duration.ofSeconds(60));
        WebhookReceiver.Delivery delivery = receiver.await(1, d -> true).getFirst();

        assertThat(delivery.header("Signature")).isEqualTo(hmacHex(secret, delivery.body()));
        assertThat(delivery.header("Content-Type")).startsWith("application/json");
        JsonNode body = RawHeyGen.JSON.readTree(delivery.body());
        assertThat(body.at("/event_data/video_id").asText()).isEqualTo(videoId);
        assertThat(body.at("/event_data/url").asText()).contains("Signature=");
        assertThat(simulator.webhookDeliveries()).isEqualTo(1);
        JsonNode events = json(heygen.get("/v3/webhooks/events?event_type=avatar_video.success")).get("data");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).at("/event_data/video_id").asText()).isEqualTo(videoId);
    }

    @Test
    void endpointsOnlyHearTheEventsTheySubscribedTo() {
        heygen.post("/v3/webhooks/endpoints", "{\"url\": \"" + receiver.url("/fails") + "\", \"events\": [\"avatar_video.fail\"]}");
        register("/all");
        heygen.createVideo();

        clock.advance(Duration.ofSeconds(60));
        receiver.await(1, d -> d.path().equals("/all"));
        heygen.get("/v3/users/me");

        assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::path).containsExactly("/all");
    }

    @Test
    void aRotatedSecretSignsFromThenOnAndTheOldOneNoLonger() throws Exception {
        JsonNode endpoint = register("/hooks");
        String oldSecret = endpoint.at("/data/secret").asText();
        String newSecret = json(heygen.post("/v3/webhooks/endpoints/" + endpoint.at("/data/endpoint_id").asText() + "/rotate-secret", ""))
                .at("/data/secret").asText();
        heygen.createVideo();

        clock.advance(Duration.ofSeconds(60));
        WebhookReceiver.Delivery delivery = receiver.await(1, d -> true).getFirst();

        assertThat(newSecret).isNotEqualTo(oldSecret).startsWith("whsec_");
        assertThat(delivery.header("Signature")).isEqualTo(hmacHex(newSecret, delivery.body())).isNotEqualTo(hmacHex(oldSecret, delivery.body()));
    }

    @Test
    void aDeletedEndpointHearsNothingAndUnknownEndpointsAreNotFound() {
        String endpointId = register("/hooks").at("/data/endpoint_id").asText();
        assertThat(heygen.delete("/v3/webhooks/endpoints/" + endpointId).statusCode()).isEqualTo(200);
        heygen.createVideo();

        clock.advance(Duration.ofSeconds(60));
        awaitEvents(1);

        assertThat(receiver.deliveries()).isEmpty();
        assertThat(heygen.delete("/v3/webhooks/endpoints/" + endpointId).statusCode()).isEqualTo(404);
        assertThat(heygen.post("/v3/webhooks/endpoints/ep_nope/rotate-secret", "").statusCode()).isEqualTo(404);
    }

    @Test
    void endpointsAndEventsBelongToTheirApiKey() {
        simulator.acceptApiKey("other-key", "other");
        register("/hooks");

        assertThat(json(heygen.withKey("other-key").get("/v3/webhooks/endpoints")).get("data")).isEmpty();
    }

    @Test
    void aRequestsOwnCallbackUrlIsDeliveredUnsigned() {
        String body = RawHeyGen.Bodies.AVATAR.replace("\"callback_id\"", "\"callback_url\": \"" + receiver.url("/callback") + "\", \"callback_id\"");
        heygen.post("/v3/videos", body);

        clock.advance(Duration.ofSeconds(60));
        WebhookReceiver.Delivery delivery = receiver.await(1, d -> d.path().equals("/callback")).getFirst();

        assertThat(delivery.header("Signature")).isNull();
    }

    @Test
    void duplicatedWebhooksArriveTwice() {
        register("/hooks");
        simulator.useFaults(SimulatorFaults.none().withDuplicateWebhooks(1.0));
        heygen.createVideo();

        clock.advance(Duration.ofSeconds(60));
        List<WebhookReceiver.Delivery> deliveries = receiver.await(2, d -> true);

        assertThat(deliveries.get(0).bodyText()).isEqualTo(deliveries.get(1).bodyText());
        assertThat(simulator.webhookDeliveries()).isEqualTo(2);
    }

    @Test
    void lateWebhooksArriveAfterTheConfiguredDelay() {
        register("/hooks");
        simulator.useFaults(SimulatorFaults.none().withLateWebhooks(1.0, Duration.ofMillis(1200)));
        heygen.createVideo();

        Instant finished = Instant.now();
        clock.advance(Duration.ofSeconds(60));
        WebhookReceiver.Delivery delivery = receiver.await(1, d -> true).getFirst();

        assertThat(delivery.receivedAt()).isAfterOrEqualTo(finished.plusMillis(1200));
    }

    @Test
    void lostWebhooksNeverArriveButTheEventIsListed() {
        register("/hooks");
        simulator.useFaults(SimulatorFaults.none().withLostWebhooks(1.0));
        heygen.createVideo();

        clock.advance(Duration.ofSeconds(60));
        awaitEvents(1);

        assertThat(receiver.deliveries()).isEmpty();
        assertThat(simulator.webhookDeliveries()).isZero();
    }

    private JsonNode register(String path) {
        HttpResponse<String> created = heygen.post("/v3/webhooks/endpoints", "{\"url\": \"" + receiver.url(path) + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return json(created);
    }

    private void awaitEvents(int count) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (json(heygen.get("/v3/webhooks/events")).get("data").size() < count) {
            assertThat(Instant.now()).as("events listed in time").isBefore(deadline);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        // Deliveries run right after the event is recorded; give an on-time one the chance to show up if it (wrongly) exists.
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }
}
