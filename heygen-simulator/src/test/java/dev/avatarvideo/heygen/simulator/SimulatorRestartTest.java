package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.RawHeyGen.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avatarvideo.testsupport.Ffmpeg;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator started again on the same state directory carries on where the first one stopped: renders finish on
 * their schedule and serve the files their requests asked for, addresses handed out before still work, a repeated
 * Idempotency-Key replays, endpoints keep their secrets, and no finished render is announced twice.
 */
class SimulatorRestartTest {

    private static final Duration RENDER_TIME = Duration.ofSeconds(60);
    private static final List<String> SCRIPTS = List.of("Welcome to the course.",
            "Today we look at how a heat pump moves warmth from the cold air outside into a warm house.");
    /** Every file a finished render hands out, by the status field that holds its address. */
    private static final List<String> FILE_FIELDS = List.of("video_url", "captioned_video_url", "subtitle_url", "thumbnail_url", "gif_url");

    @TempDir
    Path stateDir;
    @TempDir
    Path files;

    private final SettableClock clock = new SettableClock();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<HeyGenSimulator> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

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
    void aRenderAcceptedBeforeARestartServesItsVideosSubtitlesPosterAndPreviewAfterIt() throws Exception {
        Assumptions.assumeTrue(Ffmpeg.installed(), Ffmpeg.MISSING);
        HeyGenSimulator first = start();
        String videoId = json(heygen(first).post("/v3/videos", captionedStudio())).at("/data/video_id").asText();
        clock.advance(RENDER_TIME.dividedBy(2));
        first.close();

        HeyGenSimulator second = start();
        clock.advance(RENDER_TIME);
        JsonNode done = status(second, videoId);

        double duration = done.path("duration").asDouble();
        assertThat(duration).as("as long as speaking both scripts").isGreaterThan(SCRIPTS.get(1).length() / (double) RenderPlan.CHARACTERS_PER_SECOND);
        for (String field : List.of("video_url", "captioned_video_url")) {
            HttpResponse<Path> mp4 = download(done.path(field).asText(), field + ".mp4");
            assertThat(mp4.headers().firstValue("Content-Type")).contains("video/mp4");
            Ffmpeg.Probe probe = Ffmpeg.probe(mp4.body());
            assertThat(probe.video().orElseThrow().codec()).as(field).isEqualTo("h264");
            assertThat(probe.duration()).as(field).isCloseTo(duration, within(0.05));
        }
        HttpResponse<Path> srt = download(done.path("subtitle_url").asText(), "subtitles.srt");
        assertThat(SimulatedArtefactsTest.Cue.parse(Files.readString(srt.body()))).extracting(SimulatedArtefactsTest.Cue::text)
                .as("one cue per scene, from the request accepted before the restart").containsExactlyElementsOf(SCRIPTS);
        BufferedImage poster = ImageIO.read(download(done.path("thumbnail_url").asText(), "poster.jpg").body().toFile());
        assertThat(List.of(poster.getWidth(), poster.getHeight())).containsExactly(640, 360);
        HttpResponse<Path> gif = download(done.path("gif_url").asText(), "preview.gif");
        assertThat(gif.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(ImageIO.read(gif.body().toFile())).as("a GIF the JDK reads").isNotNull();
    }

    @Test
    void addressesHandedOutBeforeARestartServeTheSameBytesAfterIt() throws Exception {
        HeyGenSimulator first = start();
        String videoId = json(heygen(first).post("/v3/videos", captionedStudio())).at("/data/video_id").asText();
        clock.advance(RENDER_TIME);
        JsonNode done = status(first, videoId);
        Map<String, byte[]> before = new HashMap<>();
        for (String field : FILE_FIELDS) {
            before.put(field, Files.readAllBytes(download(done.path(field).asText(), field + "-before").body()));
        }
        first.close();

        HeyGenSimulator second = start();
        for (String field : FILE_FIELDS) {
            // The signature covers the file and its expiry, not the host: the restarted simulator listens on another port.
            URI old = URI.create(done.path(field).asText());
            URI same = second.baseUrl().resolve(old.getRawPath() + "?" + old.getRawQuery());
            assertThat(Files.readAllBytes(download(same.toString(), field + "-after").body()))
                    .as("%s signed before the restart serves the same bytes", field).isEqualTo(before.get(field));
        }
        try (Stream<Path> videos = Files.list(stateDir.resolve(HeyGenSimulator.VIDEOS_DIRECTORY))) {
            assertThat(videos.map(p -> p.getFileName().toString())).as("the MP4s stay in the state directory")
                    .hasSize(2).allSatisfy(name -> assertThat(name).endsWith(".mp4"));
        }
    }

    @Test
    void aRenderJournalledBeforeRendersHadAPlanIsPlannedFromItsRequest() throws Exception {
        HeyGenSimulator first = start();
        String videoId = json(heygen(first).post("/v3/videos", captionedStudio())).at("/data/video_id").asText();
        clock.advance(RENDER_TIME);
        JsonNode done = status(first, videoId);
        String subtitles = Files.readString(download(done.path("subtitle_url").asText(), "before.srt").body());
        first.close();
        rewriteRenderEntry(entry -> entry.remove("plan"));

        HeyGenSimulator second = start();
        JsonNode again = status(second, videoId);

        assertThat(again.path("duration").asDouble()).isEqualTo(done.path("duration").asDouble());
        assertThat(Files.readString(download(again.path("subtitle_url").asText(), "after.srt").body())).isEqualTo(subtitles);
        assertThat(again.path("captioned_video_url").isTextual()).as("caption.style still asked for the burned-in copy").isTrue();
    }

    @Test
    void aRenderWhosePlanCannotBeReadIsRefusedNamingIt() throws Exception {
        HeyGenSimulator first = start();
        String videoId = json(heygen(first).post("/v3/videos", captionedStudio())).at("/data/video_id").asText();
        first.close();
        rewriteRenderEntry(entry -> ((ObjectNode) entry.get("plan")).putArray("scenes"));

        assertThatThrownBy(this::start).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(videoId).hasMessageContaining(stateDir.resolve(SimulatorJournal.FILE_NAME).toString());
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

    private static String captionedStudio() {
        ObjectNode body = RawHeyGen.JSON.createObjectNode().put("type", "studio").put("title", "Heat pumps, lesson 1");
        ArrayNode scenes = body.putArray("scenes");
        for (String script : SCRIPTS) {
            scenes.addObject().put("type", "avatar_video").putObject("input").put("type", "avatar")
                    .put("avatar_id", "sim-avatar-anna").put("voice_id", "sim-voice-en-1").put("script", script);
        }
        body.putObject("caption").put("file_format", "srt").put("style", "default");
        return body.toString();
    }

    /** Changes the journal's only render entry, as an older (or damaged) simulator would have written it. */
    private void rewriteRenderEntry(Consumer<ObjectNode> change) throws Exception {
        Path journal = stateDir.resolve(SimulatorJournal.FILE_NAME);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            ObjectNode entry = (ObjectNode) RawHeyGen.JSON.readTree(line);
            if (entry.path("kind").asText().equals(VideosApi.RENDER_ENTRY)) {
                assertThat(entry.has("plan")).as("the render's plan is journalled").isTrue();
                change.accept(entry);
            }
            lines.add(RawHeyGen.JSON.writeValueAsString(entry));
        }
        Files.write(journal, lines);
    }

    private HttpResponse<Path> download(String url, String name) throws Exception {
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofFile(files.resolve(name)));
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response;
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
