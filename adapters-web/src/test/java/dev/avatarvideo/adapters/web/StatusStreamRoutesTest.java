package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.service.RendererCatalogQueries;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.testsupport.SseStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live status over real HTTP, with the real services on in-memory out-ports; statuses are changed through the Videos port. */
class StatusStreamRoutesTest {

    private static final TenantId TENANT = TenantId.of("web");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path uploads;

    private FakeBackedServer backend;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        backend = new FakeBackedServer(TENANT, uploads, 10_000_000,
                new RendererCatalogQueries(new InMemoryRendererCatalog(), any -> new RendererCredentials("unused")), Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void aSubscriberFirstSeesWhereTheVideoStandsThenEveryChangeUntilReady() throws Exception {
        AvatarVideo video = addVideo(TENANT);
        try (SseStream stream = SseStream.open(uri("/api/videos/" + video.id() + "/events"), backend.authenticated(Map.of()))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).isEqualTo("no-store");
            SseStream.Message first = stream.next(PATIENCE);
            assertThat(data(first).get("status").asText()).isEqualTo("QUEUED");
            assertThat(first.id()).isEqualTo(data(first).get("eventId").asText());

            AvatarVideo rendering = backend.videos.update(video.startRendering(new RenderId("r-1"), backend.clock.now()));
            AvatarVideo ingesting = backend.videos.update(rendering.startIngesting(backend.clock.now()));
            StoredFile file = file();
            backend.videos.update(ingesting.markReady(file, backend.clock.now()));

            List<JsonNode> changes = List.of(data(stream.next(PATIENCE)), data(stream.next(PATIENCE)), data(stream.next(PATIENCE)));
            assertThat(changes).extracting(e -> e.get("status").asText()).containsExactly("RENDERING", "INGESTING", "READY");
            assertThat(changes).extracting(e -> e.get("type").asText()).containsExactly("video.rendering", "video.ingesting", "video.ready");
            JsonNode ready = changes.getLast();
            assertThat(ready.get("videoId").asText()).isEqualTo(video.id().toString());
            assertThat(ready.get("tenantId").asText()).isEqualTo("web");
            assertThat(ready.at("/file/storagePath").asText()).isEqualTo(file.storagePath().value());
            assertThat(ready.at("/file/fileUrl").asText()).isEqualTo(backend.storage.accessUrl(file).toString());
            assertThat(ready.at("/file/checksum").asText()).isEqualTo(file.checksum());
            assertThat(ready.get("occurredAt").asText()).isNotBlank();
        }
    }

    @Test
    void aFailureCarriesItsErrorAndIdleStreamsGetKeepAlives() throws Exception {
        AvatarVideo video = addVideo(TENANT);
        try (SseStream stream = SseStream.open(uri("/api/videos/" + video.id() + "/events"), backend.authenticated(Map.of()))) {
            stream.next(PATIENCE);
            assertThat(stream.nextComment(PATIENCE)).isEqualTo("keep-alive");

            backend.videos.update(video.fail(new VideoFailure("insufficient_credit", "the account has no credit left"), backend.clock.now()));

            JsonNode failed = data(stream.next(PATIENCE));
            assertThat(failed.get("status").asText()).isEqualTo("FAILED");
            assertThat(failed.at("/error/code").asText()).isEqualTo("insufficient_credit");
            assertThat(failed.at("/error/message").asText()).isEqualTo("the account has no credit left");
            assertThat(failed.has("file")).isFalse();
        }
    }

    @Test
    void oneConnectionCarriesManyVideosAndResumingReplaysExactlyWhatWasMissed() throws Exception {
        AvatarVideo a = addVideo(TENANT);
        AvatarVideo b = addVideo(TENANT);
        String lastSeen;
        try (SseStream stream = SseStream.open(uri("/api/events?videoIds=" + a.id() + "," + b.id()), backend.authenticated(Map.of()))) {
            List<SseStream.Message> initial = List.of(stream.next(PATIENCE), stream.next(PATIENCE));
            assertThat(initial).extracting(m -> data(m).get("videoId").asText()).containsExactlyInAnyOrder(a.id().toString(), b.id().toString());
            AvatarVideo aRendering = backend.videos.update(a.startRendering(new RenderId("r-a"), backend.clock.now()));
            lastSeen = stream.next(PATIENCE).id();
            assertThat(aRendering.status().name()).isEqualTo("RENDERING");
        }
        backend.videos.update(b.startRendering(new RenderId("r-b"), backend.clock.now()));
        backend.videos.update(backend.videos.findById(a.id()).orElseThrow().fail(new VideoFailure("x", "stopped"), backend.clock.now()));
        List<String> missed = backend.videos.events().all().stream().filter(e -> e.id() > Long.parseLong(lastSeen))
                .map(e -> Long.toString(e.id())).toList();

        try (SseStream byHeader = SseStream.open(uri("/api/events?videoIds=" + a.id() + "," + b.id()), backend.authenticated(Map.of("Last-Event-ID", lastSeen)));
             SseStream byParameter = SseStream.open(uri("/api/events?videoIds=" + a.id() + "," + b.id() + "&lastEventId=" + lastSeen), backend.authenticated(Map.of()))) {
            for (SseStream resumed : List.of(byHeader, byParameter)) {
                List<SseStream.Message> replayed = new ArrayList<>();
                for (int i = 0; i < missed.size(); i++) {
                    replayed.add(resumed.next(PATIENCE));
                }
                assertThat(replayed).extracting(SseStream.Message::id).containsExactlyElementsOf(missed);
                assertThat(replayed).extracting(m -> data(m).get("status").asText()).containsExactly("RENDERING", "FAILED");
                assertThat(resumed.hasMessageWithin(Duration.ofMillis(500))).isFalse();
            }
        }
    }

    @Test
    void anUnknownVideoOrAnotherTenantsIsA404ProblemBeforeAnyStream() throws Exception {
        AvatarVideo theirs = addVideo(TenantId.of("someone-else"));
        AvatarVideo mine = addVideo(TENANT);

        for (String path : List.of("/api/videos/" + theirs.id() + "/events", "/api/videos/" + VideoId.newId() + "/events",
                "/api/videos/not-a-uuid/events", "/api/events?videoIds=" + mine.id() + "," + theirs.id())) {
            try (SseStream stream = SseStream.open(uri(path), backend.authenticated(Map.of()))) {
                assertThat(stream.status()).as(path).isEqualTo(404);
                assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
                assertThat(json.readTree(stream.refusal()).get("type").asText()).isEqualTo("/problems/not-found");
            }
        }
        assertThat(backend.live.watchCount()).isZero();
    }

    @Test
    void badRequestsAreProblemsNamingTheField() throws Exception {
        AvatarVideo video = addVideo(TENANT);
        String hundredAndOne = IntStream.range(0, 101).mapToObj(i -> VideoId.newId().toString()).collect(Collectors.joining(","));

        assertProblem("/api/events?videoIds=" + hundredAndOne, Map.of(), "videoIds");
        assertProblem("/api/events", Map.of(), "videoIds");
        assertProblem("/api/events?videoIds=" + video.id() + ",nope", Map.of(), "videoIds");
        assertProblem("/api/videos/" + video.id() + "/events", Map.of("Last-Event-ID", "yesterday"), "Last-Event-ID");
        assertProblem("/api/videos/" + video.id() + "/events?lastEventId=-4", Map.of(), "lastEventId");
    }

    @Test
    void aHundredVideosFitOnOneConnection() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(addVideo(TENANT).id().toString());
        }
        try (SseStream stream = SseStream.open(uri("/api/events?videoIds=" + String.join(",", ids)), backend.authenticated(Map.of()))) {
            assertThat(stream.status()).isEqualTo(200);
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                seen.add(data(stream.next(PATIENCE)).get("videoId").asText());
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void stoppingTheServerEndsOpenStreams() throws Exception {
        AvatarVideo video = addVideo(TENANT);
        SseStream stream = SseStream.open(uri("/api/videos/" + video.id() + "/events"), backend.authenticated(Map.of()));
        stream.next(PATIENCE);

        backend.server.close();

        assertThat(stream.endsWithin(PATIENCE)).isTrue();
        assertThat(backend.live.watchCount()).isZero();
    }

    private void assertProblem(String path, Map<String, String> headers, String field) throws Exception {
        try (SseStream stream = SseStream.open(uri(path), backend.authenticated(headers))) {
            assertThat(stream.status()).as(path).isEqualTo(400);
            JsonNode problem = json.readTree(stream.refusal());
            assertThat(problem.get("field").asText()).as(path).isEqualTo(field);
            assertThat(problem.get("type").asText()).isEqualTo("/problems/invalid-input");
        }
    }

    private AvatarVideo addVideo(TenantId tenant) {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), tenant, "live", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.SQUARE, backend.clock.now());
        backend.videos.add(video);
        return video;
    }

    private StoredFile file() {
        return new StoredFile(URI.create("https://stale.example/old"), "live.mp4", 1234, "video/mp4", StorageKey.newFor(TENANT, "live.mp4"),
                backend.clock.now(), "sha256:" + "ab".repeat(32), "memory");
    }

    private JsonNode data(SseStream.Message message) {
        try {
            return json.readTree(message.data());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + message.data(), e);
        }
    }

    private URI uri(String path) {
        return backend.uri(path);
    }
}
