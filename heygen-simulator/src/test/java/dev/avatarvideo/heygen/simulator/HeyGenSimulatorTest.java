package dev.avatarvideo.heygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's raw HTTP answers, checked field by field against HeyGen's documented v3 shapes. */
class HeyGenSimulatorTest {

    private static final String AVATAR_BODY = """
            {"type": "avatar", "avatar_id": "sim-avatar-anna", "voice_id": "sim-voice-en-1",
             "script": "Hello there", "title": "Lesson 1", "resolution": "720p", "aspect_ratio": "16:9"}""";

    private final SettableClock clock = new SettableClock();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofSeconds(60)), clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void createAnswersInTheV3EnvelopeWithAWaitingVideo() throws Exception {
        HttpResponse<String> response = post("/v3/videos", AVATAR_BODY, simulator.apiKey(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = json.readTree(response.body()).get("data");
        assertThat(fieldNames(data)).containsExactly("video_id", "status", "output_format");
        assertThat(data.get("status").asText()).isEqualTo("waiting");
        assertThat(data.get("output_format").asText()).isEqualTo("mp4");
        assertThat(simulator.rendersStarted()).isEqualTo(1);
    }

    @Test
    void statusMovesFromPendingThroughProcessingToCompletedWithEveryDocumentedField() throws Exception {
        String videoId = create(AVATAR_BODY);

        assertThat(statusOf(videoId).get("status").asText()).isEqualTo("pending");
        clock.advance(Duration.ofSeconds(20));
        JsonNode processing = statusOf(videoId);
        assertThat(processing.get("status").asText()).isEqualTo("processing");
        assertThat(processing.get("video_url").isNull()).isTrue();
        clock.advance(Duration.ofSeconds(40));
        JsonNode completed = statusOf(videoId);

        assertThat(fieldNames(completed)).containsExactlyInAnyOrder("id", "status", "title", "created_at", "completed_at",
                "duration", "video_url", "captioned_video_url", "subtitle_url", "thumbnail_url", "gif_url",
                "video_page_url", "folder_id", "failure_code", "failure_message");
        assertThat(completed.get("id").asText()).isEqualTo(videoId);
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.get("title").asText()).isEqualTo("Lesson 1");
        assertThat(completed.get("created_at").isIntegralNumber()).isTrue();
        assertThat(completed.get("duration").asDouble()).isPositive();
        assertThat(completed.get("video_url").asText()).contains("Expires=").contains("Signature=");
    }

    @Test
    void theSignedUrlServesTheRealMp4UntilItExpires() throws Exception {
        String videoId = create(AVATAR_BODY);
        clock.advance(Duration.ofSeconds(61));
        String url = statusOf(videoId).get("video_url").asText();

        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).contains("video/mp4");
        byte[] bytes = download.body();
        assertThat(bytes).hasSize((int) simulator.videoFileSize(videoId));
        assertThat(new String(bytes, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(simulator.videoDownloads()).isEqualTo(1);

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        String fresh = statusOf(videoId).get("video_url").asText();
        assertThat(fresh).isNotEqualTo(url);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(fresh)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        char last = fresh.charAt(fresh.length() - 1);
        String tampered = fresh.substring(0, fresh.length() - 1) + (last == '0' ? '1' : '0');
        assertThat(http.send(HttpRequest.newBuilder(URI.create(tampered)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
    }

    @Test
    void aRepeatedIdempotencyKeyReplaysTheFirstAnswerAndStartsOneRender() throws Exception {
        String first = json.readTree(post("/v3/videos", AVATAR_BODY, simulator.apiKey(), "avatar-video-123").body()).at("/data/video_id").asText();
        String second = json.readTree(post("/v3/videos", AVATAR_BODY, simulator.apiKey(), "avatar-video-123").body()).at("/data/video_id").asText();

        assertThat(second).isEqualTo(first);
        assertThat(simulator.rendersStarted()).isEqualTo(1);
        assertThat(post("/v3/videos", AVATAR_BODY, simulator.apiKey(), "bad key with spaces").statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAMissingOrWrongApiKeyWithUnauthorized() throws Exception {
        HttpResponse<String> wrong = post("/v3/videos", AVATAR_BODY, "not-the-key", null);
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(simulator.baseUrl().resolve("/v3/videos/abc")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json.readTree(wrong.body()).at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(simulator.rendersStarted()).isZero();
    }

    @Test
    void rejectsUnknownAvatarsAndVoicesLikeHeyGenWithTheOffendingParam() throws Exception {
        JsonNode avatar = json.readTree(post("/v3/videos", AVATAR_BODY.replace("sim-avatar-anna", "nobody"), simulator.apiKey(), null).body());
        JsonNode voice = json.readTree(post("/v3/videos", AVATAR_BODY.replace("sim-voice-en-1", "mute"), simulator.apiKey(), null).body());
        HttpResponse<String> studio = post("/v3/videos", """
                {"type": "studio", "scenes": [
                  {"type": "avatar_video", "input": {"type": "avatar", "avatar_id": "sim-avatar-anna", "voice_id": "sim-voice-en-1", "script": "one"}},
                  {"type": "avatar_video", "input": {"type": "avatar", "avatar_id": "sim-avatar-ben", "voice_id": "sim-voice-en-2", "script": ""}}]}""",
                simulator.apiKey(), null);

        assertThat(avatar.at("/error/code").asText()).isEqualTo("avatar_not_found");
        assertThat(avatar.at("/error/param").asText()).isEqualTo("avatar_id");
        assertThat(avatar.at("/error/message").asText()).contains("nobody");
        assertThat(voice.at("/error/code").asText()).isEqualTo("voice_not_found");
        assertThat(voice.at("/error/param").asText()).isEqualTo("voice_id");
        assertThat(studio.statusCode()).isEqualTo(400);
        assertThat(json.readTree(studio.body()).at("/error/param").asText()).isEqualTo("scenes[1].input.script");
        assertThat(simulator.rendersStarted()).isZero();
    }

    @Test
    void bulkStatusAnswersEveryIdAndMarksUnknownOnesNotFound() throws Exception {
        String a = create(AVATAR_BODY);
        String b = create(AVATAR_BODY);

        HttpResponse<String> response = get("/v3/videos/statuses?video_ids=" + a + "," + b + ",nope");
        JsonNode body = json.readTree(response.body());

        assertThat(fieldNames(body)).containsExactly("data", "has_more", "next_token");
        assertThat(body.get("data")).hasSize(3);
        assertThat(fieldNames(body.get("data").get(0))).containsExactly("video_id", "status");
        assertThat(body.get("data").get(2).get("status").asText()).isEqualTo("not_found");
        assertThat(body.get("has_more").asBoolean()).isFalse();

        String tooMany = String.join(",", java.util.Collections.nCopies(101, a));
        assertThat(get("/v3/videos/statuses?video_ids=" + tooMany).statusCode()).isEqualTo(400);
    }

    @Test
    void unknownVideoIsNotFoundInTheErrorEnvelope() throws Exception {
        HttpResponse<String> response = get("/v3/videos/does-not-exist");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(fieldNames(json.readTree(response.body()).get("error"))).containsExactly("code", "message", "doc_url");
        assertThat(json.readTree(response.body()).at("/error/code").asText()).isEqualTo("video_not_found");
    }

    @Test
    void servesABrowserPlayableH264Mp4() throws Exception {
        try (InputStream in = HeyGenSimulator.class.getResourceAsStream("rendered-avatar-video.mp4")) {
            byte[] bytes = in.readAllBytes();
            String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text.substring(4, 8)).isEqualTo("ftyp");
            assertThat(text).contains("avc1").contains("avcC");
            assertThat(text.indexOf("moov")).isLessThan(text.indexOf("mdat"));
        }
    }

    private String create(String body) throws Exception {
        return json.readTree(post("/v3/videos", body, simulator.apiKey(), null).body()).at("/data/video_id").asText();
    }

    private JsonNode statusOf(String videoId) throws Exception {
        return json.readTree(get("/v3/videos/" + videoId).body()).get("data");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(simulator.baseUrl().resolve(path)).header("X-Api-Key", simulator.apiKey()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String apiKey, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(simulator.baseUrl().resolve(path))
                .header("X-Api-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
