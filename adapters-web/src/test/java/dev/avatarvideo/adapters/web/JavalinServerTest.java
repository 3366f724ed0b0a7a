package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.application.fakes.FakeFileAccessSigner;
import dev.avatarvideo.application.fakes.InMemoryFileStorage;
import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.fakes.InMemoryVideos;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP API over real HTTP, on the real services with in-memory out-ports. */
class JavalinServerTest {

    private static final TenantId TENANT = TenantId.of("web");
    private static final String GOOD_SCENE = "{\"avatarId\": \"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hello\"}";

    @TempDir
    java.nio.file.Path uploads;

    private TestClock clock;
    private InMemoryVideos videos;
    private dev.avatarvideo.application.fakes.InMemoryVideoWaits waits;
    private InMemoryFileStorage storage;
    private FakeFileAccessSigner signer;
    private JavalinServer server;
    private String apiKey;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        FakeBackedServer backend = new FakeBackedServer(TENANT, uploads, 10_000_000);
        clock = backend.clock;
        videos = backend.videos;
        waits = backend.waits;
        storage = backend.storage;
        signer = backend.signer;
        server = backend.server;
        apiKey = backend.apiKey;
    }
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void acceptsAVideoRequestWith202AndWhereToFindIt() throws Exception {
        HttpResponse<String> response = post("/api/videos", """
                {"title": "Lesson 1", "resolution": "1080p", "aspectRatio": "9:16", "scenes": [%s]}""".formatted(GOOD_SCENE));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("QUEUED");
        assertThat(body.get("resolution").asText()).isEqualTo("1080p");
        assertThat(body.get("aspectRatio").asText()).isEqualTo("9:16");
        assertThat(body.at("/scenes/0/avatarId").asText()).isEqualTo("sim-avatar-anna");
        assertThat(body.get("createdAt").asText()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(body.has("file")).isFalse();
        assertThat(body.has("error")).isFalse();
        assertThat(response.headers().firstValue("Location")).contains("/api/videos/" + body.get("id").asText());

        HttpResponse<String> read = get(response.headers().firstValue("Location").orElseThrow());
        assertThat(json.readTree(read.body()).get("id")).isEqualTo(body.get("id"));
    }

    @Test
    void acceptsVoiceSettingsBackgroundsAndCaptionsAndShowsThemBack() throws Exception {
        HttpResponse<String> response = post("/api/videos", """
                {"captions": true, "scenes": [
                  {"avatarId": "a", "voiceId": "v", "script": "One", "voice": {"speed": 1.2, "locale": "en-GB"}, "background": {"color": "#0a0b0c"}},
                  {"avatarId": "b", "voiceId": "v", "script": "Two"}]}""");
        HttpResponse<String> onImage = post("/api/videos", """
                {"scenes": [{"avatarId": "b", "voiceId": "v", "script": "Two", "background": {"imageUrl": "https://cdn.example/room.jpg"}}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(onImage.statusCode()).as(onImage.body()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("captions").asText()).as("true has always meant captions burned in").isEqualTo("burned");
        assertThat(body.at("/scenes/0/voice/speed").asDouble()).isEqualTo(1.2);
        assertThat(body.at("/scenes/0/voice/pitch").asDouble()).isEqualTo(0);
        assertThat(body.at("/scenes/0/voice/volume").asDouble()).isEqualTo(1);
        assertThat(body.at("/scenes/0/voice/locale").asText()).isEqualTo("en-GB");
        assertThat(body.at("/scenes/0/background/color").asText()).isEqualTo("#0A0B0C");
        assertThat(json.readTree(onImage.body()).at("/scenes/0/background/imageUrl").asText()).isEqualTo("https://cdn.example/room.jpg");
        assertThat(body.at("/scenes/1").has("voice")).isFalse();
        assertThat(json.readTree(post("/api/videos", "{\"scenes\": [" + GOOD_SCENE + "]}").body()).get("captions").asText()).isEqualTo("none");
    }

    @ParameterizedTest(name = "captions {0} is {1}")
    @CsvSource({"'\"none\"', none", "'\"sidecar\"', sidecar", "'\"burned\"', burned", "'\"both\"', both", "true, burned", "false, none"})
    void captionsAreAChoiceByNameAndTheEarlierYesNoKeepsItsMeaning(String sent, String shown) throws Exception {
        HttpResponse<String> response = post("/api/videos", "{\"captions\": " + sent + ", \"scenes\": [" + GOOD_SCENE + "]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("captions").asText()).isEqualTo(shown);
        assertThat(json.readTree(get("/api/videos/" + body.get("id").asText()).body()).get("captions").asText()).isEqualTo(shown);
    }

    @Test
    void aReadyVideoShowsItsWholeLessonWithAddressesIssuedNow() throws Exception {
        StoredFile video = store("lesson.mp4", "video/mp4", "video bytes");
        StoredFile srt = store("lesson.srt", "application/x-subrip", "1\n00:00:00,000 --> 00:00:01,500\nHello\n");
        StoredFile vtt = store("lesson.vtt", "text/vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello\n");
        StoredFile poster = store("lesson-poster.jpg", "image/jpeg", "jpeg bytes");
        StoredFile preview = store("lesson-preview.gif", "image/gif", "gif bytes");
        MediaFacts media = new MediaFacts(Duration.ofMillis(12_480), 1280, 720, "h264", Optional.of("aac"), 25.0, 1_234_567);
        AvatarVideo ready = readyVideo("Whole lesson", video,
                new LessonParts(Optional.of(srt), Optional.of(vtt), Optional.of(poster), Optional.of(preview), Optional.of(media)));

        JsonNode body = json.readTree(get("/api/videos/" + ready.id()).body());

        assertThat(body.get("status").asText()).isEqualTo("READY");
        assertThat(body.at("/media/durationSeconds").asDouble()).isEqualTo(12.48);
        assertThat(body.at("/media/width").asInt()).isEqualTo(1280);
        assertThat(body.at("/media/height").asInt()).isEqualTo(720);
        assertThat(body.at("/media/videoCodec").asText()).isEqualTo("h264");
        assertThat(body.at("/media/audioCodec").asText()).isEqualTo("aac");
        assertThat(body.at("/media/framesPerSecond").asDouble()).isEqualTo(25.0);
        assertThat(body.at("/media/bitsPerSecond").asLong()).isEqualTo(1_234_567);
        assertFile(body.at("/captionFiles/srt"), srt);
        assertFile(body.at("/captionFiles/vtt"), vtt);
        assertFile(body.at("/poster"), poster);
        assertFile(body.at("/preview"), preview);
        assertFile(body.at("/file"), video);
        JsonNode listed = json.readTree(get("/api/videos").body()).at("/items/0");
        assertThat(listed.get("id").asText()).isEqualTo(ready.id().toString());
        assertThat(listed.at("/captionFiles/vtt/checksum").asText()).isEqualTo(vtt.checksum());
        assertThat(listed.at("/poster/fileName").asText()).isEqualTo("lesson-poster.jpg");
    }

    @Test
    void aReadyVideoWithoutPartsShowsItsFileAlone() throws Exception {
        StoredFile video = store("old.mp4", "video/mp4", "video bytes");
        AvatarVideo ready = readyVideo("Stored before parts were kept", video, LessonParts.NONE);

        JsonNode body = json.readTree(get("/api/videos/" + ready.id()).body());

        assertFile(body.at("/file"), video);
        assertThat(body.has("media")).isFalse();
        assertThat(body.has("captionFiles")).isFalse();
        assertThat(body.has("poster")).isFalse();
        assertThat(body.has("preview")).isFalse();
    }

    @Test
    void aSilentVideoHasNoAudioCodecAndACaptionlessOneNoCaptionFiles() throws Exception {
        StoredFile video = store("silent.mp4", "video/mp4", "video bytes");
        MediaFacts silent = new MediaFacts(Duration.ofSeconds(3), 640, 360, "h264", Optional.empty(), 29.97, 90_000);
        AvatarVideo ready = readyVideo("Silent", video, new LessonParts(Optional.empty(), Optional.empty(),
                Optional.of(store("silent-poster.jpg", "image/jpeg", "jpeg")), Optional.empty(), Optional.of(silent)));

        JsonNode body = json.readTree(get("/api/videos/" + ready.id()).body());

        assertThat(body.at("/media/videoCodec").asText()).isEqualTo("h264");
        assertThat(body.at("/media").has("audioCodec")).isFalse();
        assertThat(body.at("/media/framesPerSecond").asDouble()).isEqualTo(29.97);
        assertThat(body.has("captionFiles")).isFalse();
        assertThat(body.has("preview")).isFalse();
        assertThat(body.at("/poster/fileType").asText()).isEqualTo("image/jpeg");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty object         | {}                                                                                   | scenes",
            "empty script         | {\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": \"\"}]}          | scenes[0].script",
            "missing voice        | {\"scenes\": [{\"avatarId\": \"a\", \"script\": \"hi\"}]}                            | scenes[0].voiceId",
            "unknown resolution   | {\"resolution\": \"999p\", \"scenes\": [" + GOOD_SCENE + "]}                         | resolution",
            "unknown aspect ratio | {\"aspectRatio\": \"2:1\", \"scenes\": [" + GOOD_SCENE + "]}                         | aspectRatio",
            "malformed JSON       | {\"title\": \"x\" \"scenes\": []}                                                  | body",
            "JSON cut short       | {\"scenes\": [                                                                       | scenes",
            "not an object        | [1, 2]                                                                               | body",
            "JSON null            | null                                                                                 | body",
            "scenes not a list    | {\"scenes\": \"many\"}                                                               | scenes",
            "script is a number   | {\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": 42}]}            | scenes[0].script",
            "scene is null        | {\"scenes\": [null]}                                                                 | scenes[0]",
            "unknown field        | {\"aspect_ratio\": \"16:9\", \"scenes\": [" + GOOD_SCENE + "]}                       | aspect_ratio",
            "trailing garbage     | {\"scenes\": [" + GOOD_SCENE + "]} x                                                 | body",
            "voice too fast       | {\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": \"s\", \"voice\": {\"speed\": 2}}]} | scenes[0].voice.speed",
            "unknown voice option | {\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": \"s\", \"voice\": {\"tempo\": 2}}]} | scenes[0].voice.tempo",
            "two backgrounds      | {\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": \"s\", \"background\": {\"color\": \"#000000\", \"imageUrl\": \"https://x/y.png\"}}]} | scenes[0].background.color",
            "captions not a choice | {\"captions\": \"yes\", \"scenes\": [" + GOOD_SCENE + "]}                        | captions",
            "captions wrong case  | {\"captions\": \"Sidecar\", \"scenes\": [" + GOOD_SCENE + "]}                    | captions",
            "captions a number    | {\"captions\": 1, \"scenes\": [" + GOOD_SCENE + "]}                               | captions",
            "captions a list      | {\"captions\": [\"sidecar\"], \"scenes\": [" + GOOD_SCENE + "]}                  | captions",
            "captions an object   | {\"captions\": {\"srt\": true}, \"scenes\": [" + GOOD_SCENE + "]}                | captions",
            "image behind 1 of 2  | {\"scenes\": [" + GOOD_SCENE + ", {\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": \"s\", \"background\": {\"imageUrl\": \"https://x/y.png\"}}]} | scenes[1].background.imageUrl",
    })
    void refusesBadRequestsWithAProblemNamingTheFieldAndStoresNothing(String name, String body, String field) throws Exception {
        HttpResponse<String> response = post("/api/videos", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("field").asText()).isEqualTo(field);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asText()).startsWith("/problems/");
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(videos.list(TENANT, 100, java.util.Optional.empty()).videos()).isEmpty();
    }

    @Test
    void anEmptyBodyIsABadRequest() throws Exception {
        HttpResponse<String> response = post("/api/videos", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("field").asText()).isEqualTo("body");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        String huge = "{\"title\": \"" + "x".repeat((int) JavalinServer.MAX_JSON_BODY_BYTES) + "\"}";

        HttpResponse<String> response = post("/api/videos", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).get("type").asText()).isEqualTo("/problems/payload-too-large");
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() throws Exception {
        HttpResponse<String> unknown = get("/api/videos/" + java.util.UUID.randomUUID());
        HttpResponse<String> malformed = get("/api/videos/not-a-uuid");
        HttpResponse<String> noRoute = get("/api/nothing-here");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("type").asText()).isEqualTo("/problems/not-found");
        assertThat(json.readTree(unknown.body()).get("detail").asText()).startsWith("no video ");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    }

    @Test
    void listsVideosInPagesWithACursor() throws Exception {
        for (int i = 0; i < 3; i++) {
            post("/api/videos", "{\"title\": \"v" + i + "\", \"scenes\": [" + GOOD_SCENE + "]}");
            clock.advance(java.time.Duration.ofSeconds(1));
        }

        JsonNode first = json.readTree(get("/api/videos?limit=2").body());
        JsonNode second = json.readTree(get("/api/videos?limit=2&cursor=" + first.get("nextCursor").asText()).body());

        assertThat(first.get("items")).hasSize(2);
        assertThat(first.at("/items/0/title").asText()).isEqualTo("v2");
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.at("/items/0/title").asText()).isEqualTo("v0");
        assertThat(second.has("nextCursor")).isFalse();
        assertThat(json.readTree(get("/api/videos?cursor=garbage").body()).get("field").asText()).isEqualTo("cursor");
        assertThat(json.readTree(get("/api/videos?limit=0").body()).get("field").asText()).isEqualTo("limit");
        assertThat(json.readTree(get("/api/videos?limit=ten").body()).get("field").asText()).isEqualTo("limit");
    }

    @Test
    void servesStoredFilesWithByteRangesSoPlayersCanSeek() throws Exception {
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        StorageKey key = storeFile(bytes);
        String path = signedPath(key, Duration.ofMinutes(5), "Lesson 1.mp4", "video/mp4");

        HttpResponse<byte[]> whole = getBytes(path, null);
        HttpResponse<byte[]> middle = getBytes(path, "bytes=10-19");
        HttpResponse<byte[]> tail = getBytes(path, "bytes=-5");
        HttpResponse<byte[]> openEnded = getBytes(path, "bytes=990-");
        HttpResponse<byte[]> severalRanges = getBytes(path, "bytes=0-1,5-6");
        HttpResponse<byte[]> outside = getBytes(path, "bytes=5000-");

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(bytes);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(whole.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(whole.headers().firstValue("Content-Disposition")).contains("inline; filename=\"Lesson 1.mp4\"; filename*=UTF-8''Lesson%201.mp4");
        assertThat(whole.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(whole.headers().firstValue("Content-Security-Policy")).contains("sandbox");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 10-19/1000");
        assertThat(middle.headers().firstValue("Content-Length")).contains("10");
        assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, 20));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 995, 1000));
        assertThat(openEnded.headers().firstValue("Content-Range")).contains("bytes 990-999/1000");
        assertThat(severalRanges.statusCode()).isEqualTo(200);
        assertThat(severalRanges.body()).isEqualTo(bytes);
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).contains("bytes */1000");
        assertThat(json.readTree(outside.body()).get("type").asText()).isEqualTo("/problems/range-not-satisfiable");
    }

    /**
     * A tenant's upload is served from the console's origin: only media a browser plays or pictures is shown in place;
     * HTML, SVG, PDF and the rest are downloads, and whatever a browser renders anyway runs sandboxed without script.
     */
    @ParameterizedTest(name = "{0} is served {1}")
    @CsvSource({"text/html, attachment", "text/html; charset=utf-8, attachment", "image/svg+xml, attachment", "application/pdf, attachment",
            "application/xhtml+xml, attachment", "text/plain, attachment", "application/octet-stream, attachment", "video/mp4, inline",
            "audio/mpeg, inline", "image/png, inline", "image/jpeg, inline", "IMAGE/WEBP, inline"})
    void onlyMediaIsShownInPlaceAndNoStoredFileRunsAsAPageOfThisOrigin(String type, String disposition) throws Exception {
        StorageKey key = StorageKey.newFor(TENANT, "upload.bin");
        byte[] page = "<script>alert(sessionStorage.length)</script>".getBytes(StandardCharsets.UTF_8);
        storage.store(key, new FileUpload(new ByteArrayInputStream(page), OptionalLong.of(page.length), "upload.bin", type));

        HttpResponse<byte[]> response = getBytes(signedPath(key, Duration.ofMinutes(5), "upload.bin", type), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith(disposition + ";"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).contains("sandbox");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void anExpiredAddressIsRefusedWith403() throws Exception {
        String path = signedPath(storeFile(new byte[] {1, 2, 3}), Duration.ofSeconds(30), "a.mp4", "video/mp4");
        clock.advance(Duration.ofSeconds(31));

        HttpResponse<byte[]> response = getBytes(path, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("type").asText()).isEqualTo("/problems/file-url-expired");
    }

    @Test
    void anAlteredAddressIsRefusedWith403AndRevealsNothing() throws Exception {
        StorageKey key = storeFile(new byte[] {1, 2, 3});
        String path = signedPath(key, Duration.ofMinutes(5), "a.mp4", "video/mp4");
        String missing = signedPath(StorageKey.newFor(TENANT, "gone.mp4"), Duration.ofMinutes(5), "a.mp4", "video/mp4");

        HttpResponse<byte[]> retyped = getBytes(path.replace("type=video%2Fmp4", "type=text%2Fhtml"), null);
        HttpResponse<byte[]> extended = getBytes(path.replaceFirst("expires=(\\d+)", "expires=9999999999"), null);
        HttpResponse<byte[]> missingButForged = getBytes(missing.replaceFirst("signature=.", "signature=x"), null);

        for (HttpResponse<byte[]> response : java.util.List.of(retyped, extended, missingButForged)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json.readTree(response.body()).get("type").asText()).isEqualTo("/problems/file-url-invalid");
        }
        assertThat(getBytes(missing, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anIncompleteAddressIsABadRequestNamingWhatIsMissing() throws Exception {
        StorageKey key = storeFile(new byte[] {1});
        String path = signedPath(key, Duration.ofMinutes(5), "a.mp4", "video/mp4");

        assertThat(json.readTree(getBytes("/files/" + key.value(), null).body()).get("field").asText()).isEqualTo("expires");
        assertThat(json.readTree(getBytes(path.replaceFirst("&signature=[^&]*", ""), null).body()).get("field").asText()).isEqualTo("signature");
        assertThat(json.readTree(getBytes(path.replaceFirst("&type=[^&]*", ""), null).body()).get("field").asText()).isEqualTo("type");
        assertThat(getBytes(path.replaceFirst("&signature=[^&]*", ""), null).statusCode()).isEqualTo(400);
    }

    @Test
    void fileAddressesThatAreNotOurKeysNameNothing() throws Exception {
        assertThat(getBytes("/files/web/..%2F..%2Fetc%2Fpasswd", null).statusCode()).as("an encoded traversal, refused before any route").isEqualTo(400);
        assertThat(getBytes("/files/WEB/x", null).statusCode()).isEqualTo(404);
        assertThat(getBytes("/files/web/" + "0".repeat(31) + ".mp4?expires=1&filename=a&type=video%2Fmp4&signature=x", null).statusCode()).isEqualTo(404);
    }

    private StoredFile store(String name, String type, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return storage.store(StorageKey.newFor(TENANT, name), new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), name, type));
    }

    /** A video settled READY with these parts, as the ingester leaves it. */
    private AvatarVideo readyVideo(String title, StoredFile file, LessonParts parts) {
        Instant now = clock.now();
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TENANT, title, List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, now);
        videos.add(video);
        AvatarVideo ready = videos.update(videos.findById(video.id()).orElseThrow().startRendering(new RenderId("hg-ready"), now)
                .startIngesting(now).markReady(file, parts, now));
        clock.advance(Duration.ofMinutes(3));
        return ready;
    }

    /** A file as the API shows it: the stored metadata, with an address issued at the time of reading. */
    private void assertFile(JsonNode shown, StoredFile stored) {
        assertThat(shown.get("fileName").asText()).isEqualTo(stored.fileName());
        assertThat(shown.get("fileSize").asLong()).isEqualTo(stored.fileSize());
        assertThat(shown.get("fileType").asText()).isEqualTo(stored.fileType());
        assertThat(shown.get("storagePath").asText()).isEqualTo(stored.storagePath().value());
        assertThat(shown.get("uploadedAt").asText()).isEqualTo(stored.uploadedAt().toString());
        assertThat(shown.get("checksum").asText()).isEqualTo(stored.checksum());
        assertThat(shown.get("provider").asText()).isEqualTo(stored.provider());
        assertThat(shown.get("fileUrl").asText()).as("issued now, not the address stored at upload")
                .isEqualTo(storage.accessUrl(stored).toString()).isNotEqualTo(stored.fileUrl().toString());
    }

    private StorageKey storeFile(byte[] bytes) {
        StorageKey key = StorageKey.newFor(TENANT, "clip.mp4");
        storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), "clip.mp4", "video/mp4"));
        return key;
    }

    /** The address the filesystem provider hands out, signed here with the same signer the server checks with. */
    private String signedPath(StorageKey key, Duration validity, String name, String type) {
        FileAccess access = new FileAccess(key, clock.now().plus(validity), name, type);
        return "/files/" + key.value() + "?expires=" + access.expiresAt().getEpochSecond()
                + "&filename=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                + "&type=" + URLEncoder.encode(type, StandardCharsets.UTF_8) + "&signature=" + signer.sign(access);
    }

    @Test
    void aVideoWhoseCopyFailedIsPlayableFromItsTemporaryAddressUntilItExpires() throws Exception {
        java.time.Instant now = clock.now();
        dev.avatarvideo.domain.AvatarVideo video = dev.avatarvideo.domain.AvatarVideo.request(dev.avatarvideo.domain.VideoId.newId(), TENANT, "Copy failed",
                java.util.List.of(new dev.avatarvideo.domain.Scene("a", "v", "s")), dev.avatarvideo.domain.Resolution.P720,
                dev.avatarvideo.domain.AspectRatio.LANDSCAPE_16_9, now);
        videos.add(video);
        videos.update(videos.findById(video.id()).orElseThrow().startRendering(new dev.avatarvideo.domain.RenderId("hg-1"), now)
                .startIngesting(now)
                .ingestAttemptFailed(new dev.avatarvideo.domain.IngestRetry(URI.create("https://renderer.example/v.mp4?Expires=1&Signature=s"),
                        now.plus(java.time.Duration.ofDays(7)), now.plusSeconds(30), "bucket unreachable"), now));

        JsonNode body = json.readTree(get("/api/videos/" + video.id()).body());

        assertThat(body.get("status").asText()).isEqualTo("INGESTING");
        assertThat(body.has("file")).isFalse();
        assertThat(body.at("/temporaryFile/fileUrl").asText()).isEqualTo("https://renderer.example/v.mp4?Expires=1&Signature=s");
        assertThat(body.at("/temporaryFile/temporary").asBoolean()).isTrue();
        assertThat(body.at("/temporaryFile/expiresAt").asText()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(body.at("/temporaryFile/nextCopyAttemptAt").asText()).isEqualTo("2026-11-21T10:00:30Z");
        assertThat(body.toString()).doesNotContain("bucket unreachable");
    }

    @Test
    void aVideoThatWaitsOnTheRendererSaysWhyUntilItMovesOn() throws Exception {
        String id = json.readTree(post("/api/videos", "{\"scenes\": [" + GOOD_SCENE + "]}").body()).get("id").asText();
        String other = json.readTree(post("/api/videos", "{\"scenes\": [" + GOOD_SCENE + "]}").body()).get("id").asText();
        assertThat(json.readTree(get("/api/videos/" + id).body()).has("waiting")).as("nothing blocks it yet").isFalse();
        dev.avatarvideo.domain.VideoId videoId = dev.avatarvideo.domain.VideoId.parse(id);
        waits.mark(new dev.avatarvideo.domain.RendererAccount("acc0acc0acc0"), videoId, dev.avatarvideo.domain.VideoStatus.QUEUED, new dev.avatarvideo.domain.VideoWaiting(
                dev.avatarvideo.domain.VideoWaiting.Reason.HEYGEN_UNREACHABLE, "HeyGen cannot be reached (connection refused).", clock.now()));

        JsonNode body = json.readTree(get("/api/videos/" + id).body());
        assertThat(body.at("/waiting/reason").asText()).isEqualTo("heygen-unreachable");
        assertThat(body.at("/waiting/detail").asText()).isEqualTo("HeyGen cannot be reached (connection refused).");
        assertThat(body.at("/waiting/since").asText()).isEqualTo(clock.now().toString());
        JsonNode listed = json.readTree(get("/api/videos").body()).get("items");
        for (JsonNode item : listed) {
            assertThat(item.has("waiting")).as(item.get("id").asText()).isEqualTo(item.get("id").asText().equals(id));
        }
        assertThat(listed.findValuesAsText("id")).contains(id, other);

        videos.update(videos.findById(videoId).orElseThrow().startRendering(new dev.avatarvideo.domain.RenderId("hg-9"), clock.now()));
        assertThat(json.readTree(get("/api/videos/" + id).body()).has("waiting")).as("it moved on").isFalse();
    }

    @Test
    void livenessAnswersOk() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + apiKey);
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
