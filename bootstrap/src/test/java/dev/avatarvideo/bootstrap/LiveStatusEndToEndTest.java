package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.SseStream;
import dev.avatarvideo.testsupport.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live status through the real wiring: PostgreSQL triggers, LISTEN/NOTIFY, the SSE routes, the HeyGen simulator. */
class LiveStatusEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SCENE = "{\"avatarId\": \"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hello\"}";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSubscriberSeesTheVideoGoFromQueuedToReadyWithAFileItCanDownload() throws Exception {
        try (AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(), "PORT", "0", "SIMULATOR_RENDER_MS", "1000", "HEYGEN_POLL_INTERVAL_MS", "200")))) {
            String id = create(service.baseUrl());

            // The video is submitted as soon as it is requested and may be past QUEUED already: resume from before its
            // first event to read its whole history, then follow it live.
            try (SseStream stream = SseStream.open(service.baseUrl().resolve("/api/videos/" + id + "/events"),
                    Map.of("Last-Event-ID", "0", "Authorization", ApiKeyFiles.bearer(dataDir)))) {
                List<JsonNode> seen = new ArrayList<>();
                do {
                    seen.add(json.readTree(stream.next(PATIENCE).data()));
                } while (!seen.getLast().get("status").asText().equals("READY") && seen.size() < 10);

                assertThat(seen).extracting(e -> e.get("status").asText()).containsExactly("QUEUED", "RENDERING", "INGESTING", "READY");
                assertThat(seen).extracting(e -> e.get("eventId").asLong()).isSorted().doesNotHaveDuplicates();
                JsonNode file = seen.getLast().get("file");
                byte[] bytes = http.send(HttpRequest.newBuilder(URI.create(file.get("fileUrl").asText())).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                assertThat((long) bytes.length).isEqualTo(file.get("fileSize").asLong());
                assertThat("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                        .isEqualTo(file.get("checksum").asText());
            }
        }
    }

    /** Issue 6, acceptance 4 (its live status half): a subscriber on one instance sees what happens through the other. */
    @Test
    void aSubscriberOnOneInstanceSeesEveryChangeOfVideosRequestedThroughTheOther() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        try (HeyGenSimulator heygen = HeyGenSimulator.start(SimulatorSettings.defaults().withPort(0).withRenderTime(Duration.ofMillis(1500)));
             AvatarVideoService a = AvatarVideoService.start(instance(database, heygen, dataDir.resolve("a")));
             AvatarVideoService b = AvatarVideoService.start(instance(database, heygen, dataDir.resolve("b")))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(create(a.baseUrl()));
            }

            // Instance a submits each video as soon as it is requested, so by the time b is asked the videos may be past
            // QUEUED; resuming from before the first event makes b replay their whole history, then follow it live.
            try (SseStream onB = SseStream.open(b.baseUrl().resolve("/api/events?videoIds=" + String.join(",", ids)),
                    Map.of("Last-Event-ID", "0", "Authorization", ApiKeyFiles.bearer(dataDir.resolve("a"), dataDir.resolve("b"))))) {
                Map<String, List<String>> statuses = new LinkedHashMap<>();
                ids.forEach(id -> statuses.put(id, new ArrayList<>()));
                Map<String, Long> lastIds = new HashMap<>();
                while (statuses.values().stream().anyMatch(s -> s.isEmpty() || !s.getLast().equals("READY"))) {
                    JsonNode event = json.readTree(onB.next(PATIENCE).data());
                    String video = event.get("videoId").asText();
                    assertThat(event.get("eventId").asLong()).isGreaterThan(lastIds.getOrDefault(video, 0L));
                    lastIds.put(video, event.get("eventId").asLong());
                    statuses.get(video).add(event.get("status").asText());
                }

                assertThat(statuses.values()).allSatisfy(s -> assertThat(s).containsExactly("QUEUED", "RENDERING", "INGESTING", "READY"));
            }
        }
    }

    private static Configuration instance(TestPostgres.Database database, HeyGenSimulator heygen, Path dataDir) {
        return Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(), "PORT", "0",
                "DATABASE_URL", database.jdbcUrl(), "DATABASE_USER", database.user(), "DATABASE_PASSWORD", database.password(),
                "HEYGEN_BASE_URL", heygen.baseUrl().toString(), "HEYGEN_API_KEY", heygen.apiKey(),
                "HEYGEN_POLL_INTERVAL_MS", "200",
                "MASTER_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
    }

    private String create(URI base) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/videos")).header("Content-Type", "application/json")
                .header("Authorization", ApiKeyFiles.bearer(dataDir, dataDir.resolve("a"), dataDir.resolve("b")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Live\", \"scenes\": [" + SCENE + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(202);
        return json.readTree(created.body()).get("id").asText();
    }
}
