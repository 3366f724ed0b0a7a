package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.adapters.persistence.DatabaseSettings;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.testsupport.MultipartBody;
import dev.avatarvideo.testsupport.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics through the real wiring: the service as {@code main} starts it, on a real PostgreSQL, the filesystem provider
 * and the HeyGen simulator, over HTTP.
 */
class TopicApiEndToEndTest {

    private static final long MAX_FILE_BYTES = 400_000;

    @TempDir
    static Path dataDir;

    private static AvatarVideoService service;
    private static Jdbi raw;
    private static PostgresDatabase database;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        TestPostgres.Database connection = TestPostgres.freshDatabase();
        service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                "DATABASE_URL", connection.jdbcUrl(),
                "DATABASE_USER", connection.user(),
                "DATABASE_PASSWORD", connection.password(),
                "DATA_DIR", dataDir.toString(),
                "PORT", "0",
                "SIMULATOR_RENDER_MS", "1000",
                "HEYGEN_POLL_INTERVAL_MS", "300",
                "TOPIC_MAX_FILE_BYTES", Long.toString(MAX_FILE_BYTES))));
        raw = Jdbi.create(connection.dataSource());
        database = PostgresDatabase.connect(new DatabaseSettings(connection.jdbcUrl(), connection.user(), connection.password(), 2));
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
    }

    @Test
    void aMultipartSaveWithThreeFilesAndAVideoAnswersEveryContentWithFullMetadataAndGetAnswersTheSame() throws Exception {
        JsonNode video = readyVideo();
        byte[] slides = random(350_000, 1);
        byte[] worksheet = "Question 1: ...\nQuestion 2: ...\n".getBytes(StandardCharsets.UTF_8);
        byte[] picture = random(120_000, 2);
        MultipartBody body = new MultipartBody()
                .field("topic", """
                        {"title": "Lesson 4: Fractions", "language": "en-GB", "contents": [
                          {"type": "text", "text": "Watch the video, then work through the sheet."},
                          {"type": "avatarVideo", "videoId": "%s"},
                          {"type": "file", "part": "slides"},
                          {"type": "file", "part": "worksheet"},
                          {"type": "file", "part": "picture"}]}""".formatted(video.get("id").asText()))
                .file("slides", "Fractions.pdf", "application/pdf", slides)
                .file("worksheet", "worksheet.txt", "text/plain", worksheet)
                .file("picture", "pizza.png", "image/png", picture);

        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base().resolve("/api/topics")).header("Authorization", ApiKeyFiles.bearer(dataDir))
                .header("Content-Type", body.contentType())
                .POST(body.publisher()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode topic = json.readTree(created.body());
        assertThat(topic.get("status").asText()).isEqualTo("READY");
        assertThat(topic.get("contents")).hasSize(5);
        assertThat(topic.at("/contents/1/video/status").asText()).isEqualTo("READY");
        assertThat(FileUrls.unsigned(topic.at("/contents/1/video/file"))).isEqualTo(FileUrls.unsigned(video.get("file")));
        assertFullMetadata(topic.at("/contents/2/file"), "Fractions.pdf", "application/pdf", slides);
        assertFullMetadata(topic.at("/contents/3/file"), "worksheet.txt", "text/plain", worksheet);
        assertFullMetadata(topic.at("/contents/4/file"), "pizza.png", "image/png", picture);

        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base() + created.headers().firstValue("Location").orElseThrow()))
                        .header("Authorization", ApiKeyFiles.bearer(dataDir))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(FileUrls.unsigned(json.readTree(read.body()))).isEqualTo(FileUrls.unsigned(topic));
        assertThat(ledger()).isEmpty();
    }

    @Test
    void badInputsGetAProblemNamingTheFieldAndLeaveNothingStored() throws Exception {
        JsonNode mine = readyVideo();
        // Failed already: a queued one would be rendered and stored by the running service while the snapshots are compared.
        AvatarVideo othersVideo = AvatarVideo.request(VideoId.newId(), TenantId.of("another-tenant"), "not yours",
                List.of(new Scene("sim-avatar-anna", "sim-voice-en-1", "Hi")), Resolution.P720, AspectRatio.LANDSCAPE_16_9, Instant.now())
                .fail(new VideoFailure(VideoFailure.INVALID_REQUEST, "never rendered"), Instant.now());
        database.videos().add(othersVideo);
        String file = "{\"type\": \"file\", \"part\": \"notes\"}";
        String myVideo = "{\"type\": \"avatarVideo\", \"videoId\": \"" + mine.get("id").asText() + "\"}";
        byte[] notes = "some notes".getBytes(StandardCharsets.UTF_8);
        Snapshot before = snapshot();

        expectRefused(topicParts(file, myVideo, "{\"type\": \"avatarVideo\", \"videoId\": \"" + VideoId.newId() + "\"}")
                .file("notes", "notes.txt", "text/plain", notes), 400, "contents[2].videoId", before);
        expectRefused(topicParts(file, "{\"type\": \"avatarVideo\", \"videoId\": \"" + othersVideo.id() + "\"}")
                .file("notes", "notes.txt", "text/plain", notes), 400, "contents[1].videoId", before);
        expectRefused(topicParts(file, myVideo, "{\"type\": \"file\", \"part\": \"empty\"}")
                .file("notes", "notes.txt", "text/plain", notes).file("empty", "empty.pdf", "application/pdf", new byte[0]), 400, "empty", before);
        expectRefused(topicParts(file, "{\"type\": \"file\", \"part\": \"video\"}")
                .file("notes", "notes.txt", "text/plain", notes)
                .file("video", "lecture.mp4", "video/mp4", random((int) MAX_FILE_BYTES + 1, 3)), 413, "video", before);
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "{\"type\": \"text\", \"text\": \"part " + i + "\"}").collect(Collectors.joining(", "));
        expectRefused(topicParts(file, thousand).file("notes", "notes.txt", "text/plain", notes), 400, "contents", before);
        expectRefused(HttpRequest.newBuilder(base().resolve("/api/topics")).header("Authorization", ApiKeyFiles.bearer(dataDir))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(topic(thousand))).build(), 400, "contents", before);
    }

    private void expectRefused(MultipartBody body, int status, String field, Snapshot before) throws Exception {
        expectRefused(HttpRequest.newBuilder(base().resolve("/api/topics")).header("Authorization", ApiKeyFiles.bearer(dataDir))
                .header("Content-Type", body.contentType())
                .POST(body.publisher()).build(), status, field, before);
    }

    private void expectRefused(HttpRequest request, int status, String field, Snapshot before) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("field").asText()).as(response.body()).isEqualTo(field);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(snapshot()).as("nothing stored after %s", field).isEqualTo(before);
    }

    /** Everything a save could leave behind: rows, ledger entries, objects and spooled upload parts. */
    private record Snapshot(int topics, Set<String> fileRows, List<String> ledger, Set<StorageKey> objects, long spooled, int videos) {
    }

    private Snapshot snapshot() throws Exception {
        long spooled;
        try (Stream<Path> parts = Files.walk(dataDir.resolve("uploads"))) {
            spooled = parts.filter(Files::isRegularFile).count();
        }
        return new Snapshot(
                raw.withHandle(h -> h.createQuery("SELECT count(*) FROM topics").mapTo(Integer.class).one()),
                Set.copyOf(raw.withHandle(h -> h.createQuery("SELECT storage_path FROM stored_files").mapTo(String.class).list())),
                ledger(),
                FileSystemSaveTopicFaultInjectionTest.objectsUnder(dataDir.resolve("files")),
                spooled,
                raw.withHandle(h -> h.createQuery("SELECT count(*) FROM avatar_videos").mapTo(Integer.class).one()));
    }

    private List<String> ledger() {
        return raw.withHandle(h -> h.createQuery("SELECT storage_path FROM unclaimed_objects").mapTo(String.class).list());
    }

    private void assertFullMetadata(JsonNode file, String name, String type, byte[] content) throws Exception {
        String checksum = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(file.get("fileName").asText()).isEqualTo(name);
        assertThat(file.get("fileType").asText()).isEqualTo(type);
        assertThat(file.get("fileSize").asLong()).isEqualTo(content.length);
        assertThat(file.get("checksum").asText()).isEqualTo(checksum);
        assertThat(file.get("provider").asText()).isEqualTo("filesystem");
        assertThat(file.get("storagePath").asText()).startsWith("default/");
        assertThat(Instant.parse(file.get("uploadedAt").asText())).isBefore(Instant.now());
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(file.get("fileUrl").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith(type));
    }

    private JsonNode readyVideo() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base().resolve("/api/videos")).header("Authorization", ApiKeyFiles.bearer(dataDir))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"title": "Fractions intro", "scenes": [{"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Let us share a pizza."}]}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        String id = json.readTree(created.body()).get("id").asText();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            JsonNode video = json.readTree(http.send(HttpRequest.newBuilder(base().resolve("/api/videos/" + id)).header("Authorization", ApiKeyFiles.bearer(dataDir)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (video.get("status").asText().equals("READY")) {
                return video;
            }
            assertThat(video.get("status").asText()).as(video.toString()).isNotEqualTo("FAILED");
            Thread.sleep(200);
        }
        throw new AssertionError("video " + id + " was not READY within 90 s");
    }

    private static MultipartBody topicParts(String... contents) {
        return new MultipartBody().field("topic", topic(contents));
    }

    private static String topic(String... contents) {
        return "{\"title\": \"Refused\", \"language\": \"en\", \"contents\": [" + String.join(", ", contents) + "]}";
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static URI base() {
        return service.baseUrl();
    }
}
