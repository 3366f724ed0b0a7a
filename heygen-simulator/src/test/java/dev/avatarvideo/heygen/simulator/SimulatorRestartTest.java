package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.RawHeyGen.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator started again on the same state directory carries on where the first one stopped: renders finish on
 * their schedule, a repeated Idempotency-Key replays, endpoints keep their secrets, and no finished render is announced
 * twice.
 */
class SimulatorRestartTest {

    private static final Duration RENDER_TIME = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private final SettableClock clock = new SettableClock();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<HeyGenSimulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(HeyGenSimulator::close);
        receiver.close();
    }

    @Test
    void aRenderAcceptedBeforeARestartFinishesOnScheduleAfterIt() {
        HeyGenSimulator first = start();
        String videoId = json(heygen(first).post("/v3/videos", RawHeyGen.Bodies.AVATAR)).at("/data/video_id").asText();
        clock.advance(RENDER_TIME.dividedBy(2));
        first.close();

        HeyGenSimulator second = start();
        assertThat(status(second, videoId).path("status").asText()).isEqualTo("processing");
        assertThat(status(second, videoId).path("title").asText()).as("the request came back with the render").isEqualTo("Lesson 1");
        clock.advance(RENDER_TIME.dividedBy(2));
        JsonNode completed = status(second, videoId);
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(second.renderCompletedAt(videoId)).contains(clock.instant());
        assertThat(second.rendersStarted()).as("nothing rendered again").isZero();
    }

    @Test
    void aRepeatedIdempotencyKeyReplaysTheCreationAcceptedBeforeTheRestart() {
        HeyGenSimulator first = start();
        String videoId = json(heygen(first).post("/v3/videos", RawHeyGen.Bodies.AVATAR, "avatar-video-1")).at("/data/video_id").asText();
        first.close();

        HeyGenSimulator second = start();
        HttpResponse<String> repeat = heygen(second).post("/v3/videos", RawHeyGen.Bodies.AVATAR, "avatar-video-1");

        assertThat(json(repeat).at("/data/video_id").asText()).isEqualTo(videoId);
        assertThat(second.rendersStarted()).isZero();
    }

    @Test
    void webhookEndpointsKeepTheirSecretsAndAFinishedRenderIsAnnouncedOnce() throws Exception {
        HeyGenSimulator first = start();
        JsonNode endpoint = json(heygen(first).post("/v3/webhooks/endpoints", "{\"url\": \"" + receiver.url("/hooks") + "\"}")).get("data");
        String before = json(heygen(first).post("/v3/videos", RawHeyGen.Bodies.AVATAR)).at("/data/video_id").asText();
        clock.advance(RENDER_TIME);
        receiver.await(1, d -> d.bodyText().contains(before));
        String during = json(heygen(first).post("/v3/videos", RawHeyGen.Bodies.AVATAR)).at("/data/video_id").asText();
        first.close();

        HeyGenSimulator second = start();
        JsonNode listed = json(heygen(second).get("/v3/webhooks/endpoints")).at("/data/0");
        assertThat(listed.path("endpoint_id").asText()).isEqualTo(endpoint.path("endpoint_id").asText());
        clock.advance(RENDER_TIME);
        WebhookReceiver.Delivery delivery = receiver.await(1, d -> d.bodyText().contains(during)).getFirst();

        assertThat(delivery.header("Signature")).as("signed with the secret from before the restart")
                .isEqualTo(hmacHex(endpoint.path("secret").asText(), delivery.body()));
        Thread.sleep(300);
        assertThat(receiver.deliveries().stream().filter(d -> d.bodyText().contains(before))).as("announced once, before the restart").hasSize(1);
        assertThat(json(heygen(second).get("/v3/webhooks/events")).get("data")).hasSize(2);
    }

    @Test
    void aDeletedEndpointStaysDeleted() {
        HeyGenSimulator first = start();
        String endpointId = json(heygen(first).post("/v3/webhooks/endpoints", "{\"url\": \"" + receiver.url("/hooks") + "\"}"))
                .at("/data/endpoint_id").asText();
        assertThat(heygen(first).delete("/v3/webhooks/endpoints/" + endpointId).statusCode()).isEqualTo(200);
        first.close();

        assertThat(json(heygen(start()).get("/v3/webhooks/endpoints")).get("data")).isEmpty();
    }

    @Test
    void aLastLineCutShortByACrashIsDroppedAndTheRestKept() throws Exception {
        HeyGenSimulator first = start();
        String videoId = json(heygen(first).post("/v3/videos", RawHeyGen.Bodies.AVATAR)).at("/data/video_id").asText();
        first.close();
        Path journal = stateDir.resolve(SimulatorJournal.FILE_NAME);
        Files.writeString(journal, "{\"kind\": \"render\", \"id\": \"half", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        HeyGenSimulator second = start();

        assertThat(status(second, videoId).path("id").asText()).isEqualTo(videoId);
        assertThat(Files.readString(journal)).as("rewritten without the cut line").doesNotContain("half");
    }

    @Test
    void aDamagedJournalIsRefusedRatherThanGuessedAt() throws Exception {
        start().close();
        Path journal = stateDir.resolve(SimulatorJournal.FILE_NAME);
        Files.writeString(journal, "not json\n" + Files.readString(journal));

        assertThatThrownBy(this::start).isInstanceOf(UncheckedIOException.class).hasMessageContaining(stateDir.toString());
    }

    @Test
    void withoutAStateDirectoryNothingIsKept() {
        HeyGenSimulator inMemory = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(RENDER_TIME), clock);
        started.add(inMemory);
        heygen(inMemory).post("/v3/videos", RawHeyGen.Bodies.AVATAR);

        assertThat(stateDir).isEmptyDirectory();
    }

    private HeyGenSimulator start() {
        HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(RENDER_TIME)
                .withStateDirectory(stateDir).withHttpWebhookUrlsAllowed(), clock);
        started.add(simulator);
        return simulator;
    }

    private static RawHeyGen heygen(HeyGenSimulator simulator) {
        return new RawHeyGen(simulator.baseUrl(), simulator.apiKey());
    }

    private static JsonNode status(HeyGenSimulator simulator, String videoId) {
        HttpResponse<String> response = heygen(simulator).get("/v3/videos/" + videoId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("data");
    }

    private static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }
}
