package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.RawHeyGen.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every fault knob, through the Java API and the admin route, observed on the wire. */
class HeyGenSimulatorFaultsTest {

    private final SettableClock clock = new SettableClock();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofSeconds(60)), clock);
    private final RawHeyGen heygen = new RawHeyGen(simulator.baseUrl(), simulator.apiKey());

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void rateLimitingRefusesBeforeAnyWorkWithRetryAfter() {
        simulator.useFaults(SimulatorFaults.none().withRateLimits(1.0, Duration.ofSeconds(7)));

        HttpResponse<String> response = heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
        assertThat(json(response).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(simulator.rendersStarted()).isZero();
    }

    @Test
    void aServerErrorHidesAnAnswerWhoseWorkWasDoneSoAnIdempotentRetryReplaysIt() {
        simulator.useFaults(SimulatorFaults.none().withServerErrors(1.0));

        HttpResponse<String> failed = heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR, "avatar-video-abc");
        assertThat(failed.statusCode()).isIn(500, 502, 503);
        assertThat(json(failed).at("/error/code").asText()).isIn("internal_error", "service_unavailable");
        assertThat(simulator.rendersStarted()).isEqualTo(1);

        simulator.useFaults(SimulatorFaults.none());
        HttpResponse<String> retried = heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR, "avatar-video-abc");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(simulator.rendersStarted()).isEqualTo(1);
    }

    @Test
    void anErrorCanComeWithHttp200() {
        simulator.useFaults(SimulatorFaults.none().withErrorsOn200(1.0));

        HttpResponse<String> response = heygen.get("/v3/users/me");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("internal_error");
        assertThat(json(response).get("data").isNull()).isTrue();
    }

    @Test
    void aTimeoutHoldsTheAnswerPastTheClientsPatienceAndARepeatMeanwhileIsInProgress() throws Exception {
        simulator.useFaults(SimulatorFaults.none().withTimeouts(1.0, Duration.ofMillis(1500)));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest create = heygen.request("/v3/videos").timeout(Duration.ofMillis(300)).header("Content-Type", "application/json")
                .header("Idempotency-Key", "avatar-video-held").POST(HttpRequest.BodyPublishers.ofString(RawHeyGen.Bodies.AVATAR)).build();

        assertThatThrownBy(() -> client.send(create, HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        assertThat(simulator.rendersStarted()).isEqualTo(1);

        simulator.useFaults(SimulatorFaults.none());
        HttpResponse<String> meanwhile = heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR, "avatar-video-held");
        assertThat(meanwhile.statusCode()).isEqualTo(409);
        assertThat(json(meanwhile).at("/error/code").asText()).isEqualTo("request_in_progress");

        Thread.sleep(1600);
        HttpResponse<String> afterwards = heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR, "avatar-video-held");
        assertThat(afterwards.statusCode()).isEqualTo(200);
        assertThat(simulator.rendersStarted()).isEqualTo(1);
    }

    @Test
    void latencyDelaysEveryApiAnswer() {
        simulator.useFaults(SimulatorFaults.none().withLatency(Duration.ofMillis(400)));
        HttpRequest request = heygen.request("/v3/users/me").timeout(Duration.ofMillis(100)).GET().build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aFreshRenderCanBeInvisibleForAWhileAfterCreation() {
        simulator.useFaults(SimulatorFaults.none().withNotFoundAfterCreate(1.0, Duration.ofSeconds(5)));
        String videoId = heygen.createVideo();

        assertThat(heygen.get("/v3/videos/" + videoId).statusCode()).isEqualTo(404);
        assertThat(json(heygen.get("/v3/videos/statuses?video_ids=" + videoId)).at("/data/0/status").asText()).isEqualTo("not_found");

        clock.advance(Duration.ofSeconds(5));
        assertThat(heygen.get("/v3/videos/" + videoId).statusCode()).isEqualTo(200);
    }

    @Test
    void aFailingRenderEndsFailedWithItsCodeAndMessage() {
        simulator.useFaults(SimulatorFaults.none().withRenderFailures(1.0));
        String videoId = heygen.createVideo();
        clock.advance(Duration.ofSeconds(60));

        var data = json(heygen.get("/v3/videos/" + videoId)).get("data");
        assertThat(data.get("status").asText()).isEqualTo("failed");
        assertThat(data.get("failure_code").asText()).isEqualTo("SIMULATED_RENDER_FAILURE");
        assertThat(data.get("failure_message").asText()).contains("SIMULATED");
        assertThat(data.get("video_url").isNull()).isTrue();
        var bulk = json(heygen.get("/v3/videos/statuses?video_ids=" + videoId)).at("/data/0");
        assertThat(bulk.get("status").asText()).isEqualTo("failed");
        assertThat(bulk.at("/error/code").asText()).isEqualTo("SIMULATED_RENDER_FAILURE");
    }

    @Test
    void aTruncatedDownloadPromisesEveryByteAndDeliversHalf() throws Exception {
        String videoId = heygen.createVideo();
        clock.advance(Duration.ofSeconds(60));
        String url = json(heygen.get("/v3/videos/" + videoId)).at("/data/video_url").asText();
        simulator.useFaults(SimulatorFaults.none().withTruncatedDownloads(1.0));

        HttpRequest download = HttpRequest.newBuilder(URI.create(url)).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(download, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
        assertThat(simulator.truncatedDownloads()).isEqualTo(1);
        assertThat(simulator.videoDownloads()).isZero();

        simulator.useFaults(SimulatorFaults.none());
        assertThat(HttpClient.newHttpClient().send(download, HttpResponse.BodyHandlers.ofByteArray()).body()).hasSize((int) simulator.videoFileSize(videoId));
        assertThat(simulator.videoDownloads()).isEqualTo(1);
    }

    @Test
    void aKeyWithTooManyRendersInProgressIsRateLimitedUntilOneFinishes() {
        simulator.useFaults(SimulatorFaults.none().withConcurrencyLimitPerKey(2).withRateLimits(0, Duration.ofSeconds(3)));
        simulator.acceptApiKey("other-key", "other-account");

        assertThat(heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR).statusCode()).isEqualTo(200);
        assertThat(heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR).statusCode()).isEqualTo(200);
        HttpResponse<String> third = heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).contains("3");
        assertThat(json(third).at("/error/message").asText()).contains("concurrent");
        assertThat(heygen.withKey("other-key").post("/v3/videos", RawHeyGen.Bodies.AVATAR).statusCode())
                .as("the limit is per key").isEqualTo(200);

        clock.advance(Duration.ofSeconds(60));
        assertThat(heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR).statusCode()).isEqualTo(200);
        assertThat(simulator.rendersStarted()).isEqualTo(4);
    }

    @Test
    void renderSpansSayWhenEachOfAKeysRendersHeldASlot() {
        simulator.useFaults(SimulatorFaults.none().withConcurrencyLimitPerKey(1));
        simulator.acceptApiKey("other-key", "other-account");
        Instant start = clock.instant();
        String first = json(heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR)).at("/data/video_id").asText();
        assertThat(heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR).statusCode()).as("refused: no span").isEqualTo(429);
        heygen.withKey("other-key").post("/v3/videos", RawHeyGen.Bodies.AVATAR);
        clock.advance(Duration.ofSeconds(90));
        String second = json(heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR)).at("/data/video_id").asText();

        assertThat(simulator.renderSpans(simulator.apiKey())).containsExactly(
                new HeyGenSimulator.RenderSpan(first, start, start.plusSeconds(60)),
                new HeyGenSimulator.RenderSpan(second, start.plusSeconds(90), start.plusSeconds(150)));
        assertThat(simulator.renderSpans("other-key")).hasSize(1);
        assertThatThrownBy(() -> simulator.renderSpans("unknown-key")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyWalletAnswersInsufficientCredit() {
        simulator.setRemainingBalance(simulator.apiKey(), java.math.BigDecimal.ZERO);

        HttpResponse<String> response = heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR);

        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("insufficient_credit");
        assertThat(json(heygen.get("/v3/users/me")).at("/data/wallet/remaining_balance").asDouble()).isZero();
    }

    @Test
    void theSameSeedGivesTheSameFaultsInTheSameOrder() {
        SimulatorFaults profile = SimulatorFaults.none().withSeed(42).withRateLimits(0.3, Duration.ofSeconds(1))
                .withServerErrors(0.3);

        simulator.useFaults(profile);
        List<Integer> first = statusesOf(30);
        simulator.useFaults(profile);
        List<Integer> second = statusesOf(30);
        simulator.useFaults(profile.withSeed(43));
        List<Integer> otherSeed = statusesOf(30);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(200, 429).anyMatch(status -> status >= 500);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void faultsCanBeSetOverTheAdminRouteAndFieldsLeftOutAreOff() {
        RawHeyGen admin = heygen.withKey(null);

        HttpResponse<String> set = admin.post("/sim-admin/faults", "{\"rateLimitRate\": 1.0, \"retryAfterSeconds\": 9}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).get("serverErrorRate").asDouble()).isZero();
        assertThat(simulator.faults().rateLimitRate()).isEqualTo(1.0);
        assertThat(heygen.get("/v3/users/me").headers().firstValue("Retry-After")).contains("9");
        assertThat(json(admin.get("/sim-admin/faults")).get("retryAfterSeconds").asInt()).isEqualTo(9);

        assertThat(admin.delete("/sim-admin/faults").statusCode()).isEqualTo(200);
        assertThat(heygen.get("/v3/users/me").statusCode()).isEqualTo(200);
    }

    @Test
    void theAdminRouteRefusesNonsenseNamingTheField() {
        RawHeyGen admin = heygen.withKey(null);

        HttpResponse<String> unknown = admin.post("/sim-admin/faults", "{\"explode\": 1}");
        HttpResponse<String> outOfRange = admin.post("/sim-admin/faults", "{\"timeoutRate\": 1.5}");
        HttpResponse<String> tooMuch = admin.post("/sim-admin/faults", "{\"rateLimitRate\": 0.6, \"serverErrorRate\": 0.6}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).at("/error/param").asText()).isEqualTo("explode");
        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(json(outOfRange).at("/error/param").asText()).isEqualTo("timeoutRate");
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(simulator.faults()).isEqualTo(SimulatorFaults.none());
    }

    @Test
    void statsAndTheRequestLogAreReadableOverHttp() {
        heygen.createVideo();
        RawHeyGen admin = heygen.withKey(null);

        var stats = json(admin.get("/sim-admin/stats"));
        var log = json(admin.get("/sim-admin/requests"));

        assertThat(stats.get("rendersStarted").asInt()).isEqualTo(1);
        assertThat(stats.has("webhookDeliveries")).isTrue();
        assertThat(log.get(0).get("path").asText()).isEqualTo("/v3/videos");
        assertThat(simulator.requests()).extracting(HeyGenSimulator.RecordedRequest::path).containsExactly("/v3/videos");
    }

    @Test
    void concurrentCreationsWithOneKeyStartOneRender() {
        List<CompletableFuture<HttpResponse<String>>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(CompletableFuture.supplyAsync(() -> heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR, "avatar-video-race")));
        }
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).allMatch(status -> status == 200 || status == 409).contains(200);
        assertThat(simulator.rendersStarted()).isEqualTo(1);
    }

    private List<Integer> statusesOf(int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(heygen.get("/v3/users/me").statusCode());
        }
        return statuses;
    }
}
