package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.testsupport.MultipartBody;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/topics} over real HTTP, JSON and multipart, on the real services with in-memory out-ports. */
class TopicRoutesTest {

    private static final TenantId TENANT = TenantId.of("web");

    @TempDir
    Path uploads;

    private FakeBackedServer backend;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        backend = new FakeBackedServer(TENANT, uploads, 1_000_000);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void savesATopicSentAsJsonAndAnswersWhereItLives() throws Exception {
        AvatarVideo video = video(TENANT);

        HttpResponse<String> created = postJson("/api/topics", """
                {"title": "Lesson 1", "language": "en", "contents": [
                  {"type": "text", "text": "Welcome"},
                  {"type": "avatarVideo", "videoId": "%s"}]}""".formatted(video.id()));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode topic = json.readTree(created.body());
        assertThat(created.headers().firstValue("Location")).contains("/api/topics/" + topic.get("id").asText());
        assertThat(topic.get("title").asText()).isEqualTo("Lesson 1");
        assertThat(topic.get("language").asText()).isEqualTo("en");
        assertThat(topic.get("status").asText()).isEqualTo("WAITING_FOR_VIDEOS");
        assertThat(topic.at("/contents/0/type").asText()).isEqualTo("text");
        assertThat(topic.at("/contents/0/text").asText()).isEqualTo("Welcome");
        assertThat(topic.at("/contents/1/type").asText()).isEqualTo("avatarVideo");
        assertThat(topic.at("/contents/1/videoId").asText()).isEqualTo(video.id().toString());
        assertThat(topic.at("/contents/1/video/status").asText()).isEqualTo("QUEUED");
        assertThat(json.readTree(get("/api/topics/" + topic.get("id").asText()).body())).isEqualTo(topic);
    }

    @Test
    void savesAMultipartTopicWithThreeFilesAndAVideoShowingEveryFilesMetadata() throws Exception {
        AvatarVideo video = video(TENANT);
        byte[] slides = "%PDF-1.7 pretend slides".getBytes(StandardCharsets.UTF_8);
        byte[] sheet = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] picture = new byte[200_000];
        new java.util.Random(5).nextBytes(picture);
        MultipartBody body = new MultipartBody()
                .field("topic", """
                        {"title": "Lesson 2", "language": "de", "contents": [
                          {"type": "file", "part": "slides"},
                          {"type": "avatarVideo", "videoId": "%s"},
                          {"type": "text", "text": "Read the sheet"},
                          {"type": "file", "part": "sheet"},
                          {"type": "file", "part": "picture"}]}""".formatted(video.id()))
                .file("slides", "Slides week 2.pdf", "application/pdf", slides)
                .file("sheet", "sheet.csv", "text/csv", sheet)
                .file("picture", "board.png", "image/png", picture);

        HttpResponse<String> created = postMultipart("/api/topics", body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode topic = json.readTree(created.body());
        assertThat(topic.get("contents")).hasSize(5);
        assertFile(topic.at("/contents/0/file"), "Slides week 2.pdf", "application/pdf", slides);
        assertThat(topic.at("/contents/1/video/id").asText()).isEqualTo(video.id().toString());
        assertFile(topic.at("/contents/3/file"), "sheet.csv", "text/csv", sheet);
        assertFile(topic.at("/contents/4/file"), "board.png", "image/png", picture);
        assertThat(json.readTree(get("/api/topics/" + topic.get("id").asText()).body())).isEqualTo(topic);
        assertThat(backend.storage.keys()).hasSize(3);
        assertThat(backend.unclaimed.entries()).isEmpty();
        assertThat(filesIn(uploads)).as("Jetty's spooled parts are gone after the request").isEmpty();
    }

    @Test
    void aLargeTopicJsonTravelsInItsPartAndAFileMaySendTheJson() throws Exception {
        String contents = IntStream.range(0, 150).mapToObj(i -> "{\"type\": \"text\", \"text\": \"" + "x".repeat(1000) + "\"}")
                .collect(Collectors.joining(","));
        HttpResponse<String> asField = postMultipart("/api/topics", new MultipartBody()
                .field("topic", "{\"title\": \"Long\", \"language\": \"en\", \"contents\": [" + contents + "]}"));
        HttpResponse<String> asFile = postMultipart("/api/topics", new MultipartBody()
                .file("topic", "topic.json", "application/json", "{\"title\": \"From a file\", \"language\": \"en\", \"contents\": []}".getBytes(StandardCharsets.UTF_8)));

        assertThat(asField.statusCode()).as(asField.body()).isEqualTo(201);
        assertThat(json.readTree(asField.body()).get("contents")).hasSize(150);
        assertThat(asFile.statusCode()).as(asFile.body()).isEqualTo(201);
        assertThat(json.readTree(asFile.body()).get("title").asText()).isEqualTo("From a file");
    }

    @Test
    void aGenerateRequestQueuesAVideoTheTopicWaitsFor() throws Exception {
        HttpResponse<String> created = postJson("/api/topics", """
                {"title": "Lesson 3", "language": "en", "contents": [{"type": "avatarVideo", "generate": {"title": "Intro",
                  "resolution": "1080p", "scenes": [{"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Hi"}]}}]}""");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode topic = json.readTree(created.body());
        assertThat(topic.get("status").asText()).isEqualTo("WAITING_FOR_VIDEOS");
        assertThat(topic.at("/contents/0/video/status").asText()).isEqualTo("QUEUED");
        assertThat(topic.at("/contents/0/video/resolution").asText()).isEqualTo("1080p");
        assertThat(backend.videos.findById(VideoId.parse(topic.at("/contents/0/videoId").asText()))).isPresent();
    }

    @Test
    void aGeneratedVideosCaptionsOutsideTheChoicesAreRefusedNamingWhere() throws Exception {
        for (String captions : List.of("\"subtitles\"", "1", "[\"both\"]")) {
            expectProblem(postJson("/api/topics", "{\"title\": \"T\", \"language\": \"en\", \"contents\": [{\"type\": \"text\", \"text\": \"a\"},"
                    + " {\"type\": \"avatarVideo\", \"generate\": {\"captions\": " + captions + ", \"scenes\": [{\"avatarId\": \"a\","
                    + " \"voiceId\": \"v\", \"script\": \"s\"}]}}]}"), 400, "contents[1].generate.captions");
        }
        assertThat(backend.topics.size()).isZero();
        assertThat(backend.videos.list(TENANT, 100, Optional.empty()).videos()).isEmpty();
    }

    @Test
    void refusesEachBadInputWithAProblemNamingTheFieldAndStoresNothing() throws Exception {
        AvatarVideo foreign = video(TenantId.of("someone-else"));
        String tooMany = IntStream.range(0, 1000).mapToObj(i -> "{\"type\": \"text\", \"text\": \"t\"}").collect(Collectors.joining(","));
        byte[] oversized = new byte[(int) FakeBackedServer.LIMITS.maxFileBytes() + 1];

        expectProblem(postMultipart("/api/topics", topicWith("{\"type\": \"file\", \"part\": \"f\"}, {\"type\": \"avatarVideo\", \"videoId\": \"" + VideoId.newId() + "\"}")
                .file("f", "f.txt", "text/plain", new byte[] {1})), 400, "contents[1].videoId");
        expectProblem(postMultipart("/api/topics", topicWith("{\"type\": \"file\", \"part\": \"f\"}, {\"type\": \"avatarVideo\", \"videoId\": \"" + foreign.id() + "\"}")
                .file("f", "f.txt", "text/plain", new byte[] {1})), 400, "contents[1].videoId");
        expectProblem(postMultipart("/api/topics", topicWith("{\"type\": \"file\", \"part\": \"ok\"}, {\"type\": \"file\", \"part\": \"empty\"}")
                .file("ok", "ok.txt", "text/plain", new byte[] {1}).file("empty", "empty.txt", "text/plain", new byte[0])), 400, "empty");
        expectProblem(postMultipart("/api/topics", topicWith("{\"type\": \"file\", \"part\": \"ok\"}, {\"type\": \"file\", \"part\": \"huge\"}")
                .file("ok", "ok.txt", "text/plain", new byte[] {1}).file("huge", "huge.bin", "application/octet-stream", oversized)), 413, "huge");
        expectProblem(postJson("/api/topics", "{\"title\": \"T\", \"language\": \"en\", \"contents\": [" + tooMany + "]}"), 400, "contents");
        expectProblem(postMultipart("/api/topics", topicWith(tooMany)), 400, "contents");
        expectProblem(postMultipart("/api/topics", new MultipartBody().file("f", "f.txt", "text/plain", new byte[] {1})), 400, "topic");
        expectProblem(postMultipart("/api/topics", topicWith("").file("stray", "s.txt", "text/plain", new byte[] {1})), 400, "stray");
        expectProblem(postMultipart("/api/topics", topicWith("{\"type\": \"file\", \"part\": \"absent\"}")), 400, "contents[0].part");
        expectProblem(postMultipart("/api/topics", topicWith("").field("notes", "not a file")), 400, "notes");
        expectProblem(postMultipart("/api/topics", new MultipartBody().field("topic", "{\"title\": ")), 400, "topic");
        expectProblem(postJson("/api/topics", "{\"title\": \"T\", \"language\": \"en\", \"contents\": [{\"type\": \"file\", \"part\": \"f\"}]}"), 400, "contents[0].part");
        expectProblem(postJson("/api/topics", "{\"title\": \"T\", \"language\": \"en\", \"contents\": [{\"type\": \"text\", \"txt\": \"typo\"}]}"), 400, "contents[0].txt");
        expectProblem(postJson("/api/topics", "{\"title\": \"T\", \"contents\": []}"), 400, "language");

        assertThat(backend.storage.keys()).isEmpty();
        assertThat(backend.unclaimed.entries()).isEmpty();
        assertThat(backend.topics.size()).isZero();
        assertThat(backend.videos.list(TENANT, 100, Optional.empty()).videos()).isEmpty();
        assertThat(filesIn(uploads)).isEmpty();
    }

    @Test
    void aRequestOverTheTotalUploadLimitIsRefusedWhileReadingIt(@TempDir Path smallUploads) throws Exception {
        try (FakeBackedServer small = new FakeBackedServer(TENANT, smallUploads, 5_000)) {
            HttpResponse<String> response = http.send(small.request("/api/topics")
                    .header("Content-Type", topicWith("{\"type\": \"file\", \"part\": \"f\"}").contentType())
                    .POST(topicWith("{\"type\": \"file\", \"part\": \"f\"}").file("f", "f.bin", "application/octet-stream", new byte[8_000]).publisher())
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            assertThat(json.readTree(response.body()).get("field").asText()).isEqualTo("body");
            assertThat(small.storage.keys()).isEmpty();
        }
    }

    @Test
    void replacesKeepsAndPurgesFilesThenDeletes() throws Exception {
        MultipartBody first = new MultipartBody()
                .field("topic", "{\"title\": \"V1\", \"language\": \"en\", \"contents\": [{\"type\": \"file\", \"part\": \"a\"}, {\"type\": \"file\", \"part\": \"b\"}]}")
                .file("a", "a.txt", "text/plain", "aaa".getBytes(StandardCharsets.UTF_8))
                .file("b", "b.txt", "text/plain", "bbb".getBytes(StandardCharsets.UTF_8));
        JsonNode created = json.readTree(postMultipart("/api/topics", first).body());
        String id = created.get("id").asText();
        String kept = created.at("/contents/0/file/storagePath").asText();

        HttpResponse<String> replaced = send("PUT", "/api/topics/" + id, "application/json", """
                {"title": "V2", "language": "en", "contents": [{"type": "text", "text": "now"}, {"type": "file", "storagePath": "%s"}]}""".formatted(kept));

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode updated = json.readTree(replaced.body());
        assertThat(updated.get("title").asText()).isEqualTo("V2");
        assertThat(updated.at("/contents/1/file")).isEqualTo(created.at("/contents/0/file"));
        assertThat(backend.storage.keys()).extracting(Object::toString).containsExactly(kept);

        assertThat(send("DELETE", "/api/topics/" + id, null, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = get("/api/topics/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json.readTree(gone.body()).get("detail").asText()).isEqualTo("no topic " + id);
        assertThat(send("DELETE", "/api/topics/" + id, null, null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/topics/" + id, "application/json", "{\"title\": \"x\", \"language\": \"en\", \"contents\": []}").statusCode()).isEqualTo(404);
        assertThat(get("/api/topics/not-a-uuid").statusCode()).isEqualTo(404);
        assertThat(backend.storage.keys()).isEmpty();
    }

    @Test
    void listsTopicsInPagesWithACursor() throws Exception {
        for (int i = 0; i < 3; i++) {
            postJson("/api/topics", "{\"title\": \"t" + i + "\", \"language\": \"en\", \"contents\": []}");
            backend.clock.advance(java.time.Duration.ofSeconds(1));
        }

        JsonNode first = json.readTree(get("/api/topics?limit=2").body());
        JsonNode second = json.readTree(get("/api/topics?limit=2&cursor=" + first.get("nextCursor").asText()).body());

        assertThat(first.get("items")).hasSize(2);
        assertThat(first.at("/items/0/title").asText()).isEqualTo("t2");
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.has("nextCursor")).isFalse();
        assertThat(json.readTree(get("/api/topics?cursor=garbage").body()).get("field").asText()).isEqualTo("cursor");
        assertThat(json.readTree(get("/api/topics?limit=101").body()).get("field").asText()).isEqualTo("limit");
    }

    private void assertFile(JsonNode file, String name, String type, byte[] content) throws Exception {
        assertThat(file.get("fileName").asText()).isEqualTo(name);
        assertThat(file.get("fileType").asText()).isEqualTo(type);
        assertThat(file.get("fileSize").asLong()).isEqualTo(content.length);
        assertThat(file.get("checksum").asText()).isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(file.get("storagePath").asText()).startsWith("web/");
        assertThat(file.get("fileUrl").asText()).contains(file.get("storagePath").asText());
        assertThat(file.get("uploadedAt").asText()).isNotBlank();
        assertThat(file.get("provider").asText()).isEqualTo("memory");
    }

    private void expectProblem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("field").asText()).as(response.body()).isEqualTo(field);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private AvatarVideo video(TenantId owner) {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), owner, "v", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, backend.clock.now());
        backend.videos.add(video);
        return video;
    }

    private static MultipartBody topicWith(String contents) {
        return new MultipartBody().field("topic", "{\"title\": \"T\", \"language\": \"en\", \"contents\": [" + contents + "]}");
    }

    private static List<Path> filesIn(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return send("POST", path, "application/json", body);
    }

    private HttpResponse<String> postMultipart(String path, MultipartBody body) throws Exception {
        return http.send(backend.request(path).header("Content-Type", body.contentType()).POST(body.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = backend.request(path)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(backend.request(path).build(), HttpResponse.BodyHandlers.ofString());
    }
}
