package dev.avatarvideo.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.application.fakes.FakeFileAccessSigner;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.Ffmpeg;
import dev.avatarvideo.testsupport.TestS3;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The facts read from a stored MP4's own boxes are the ones ffprobe reads from the whole file, for ffmpeg's files with
 * the {@code moov} first or last, without sound, and for the HeyGen simulator's files; and a file whose {@code moov}
 * comes last is read without fetching its media data.
 */
class Mp4MediaFactsReaderTest {

    private static final TenantId TENANT = TenantId.of("media");
    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path work;
    private static ReadCountingStorage storage;
    private static final Map<String, StorageKey> stored = new ConcurrentHashMap<>();

    @BeforeAll
    static void makeFiles() throws Exception {
        storage = new ReadCountingStorage(new FileSystemFileStorage(work.resolve("store"), URI.create("http://localhost:8080/"),
                new FakeFileAccessSigner(), new TestClock()));
        downloadSimulatorVideos();
        if (!Ffmpeg.installed()) {
            return;
        }
        String[] picture = {"-f", "lavfi", "-i", "testsrc2=s=320x240:r=30", "-f", "lavfi", "-i", "sine=f=440:r=48000", "-t", "3",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k"};
        Ffmpeg.run(concat(picture, "-movflags", "+faststart", file("faststart.mp4")));
        Ffmpeg.run(concat(picture, file("moov-at-end.mp4")));
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc2=s=640x360:r=24", "-t", "2", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                file("no-sound.mp4"));
        // About 50 MiB with the moov last, as ffmpeg writes by default: ten seconds encoded once, then copied 30 times over.
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc2=s=640x360:r=25", "-f", "lavfi", "-i", "sine=f=440:r=48000", "-t", "10", "-c:v", "libx264",
                "-preset", "veryfast", "-b:v", "1400k", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", file("ten-seconds.mp4"));
        Ffmpeg.run("-stream_loop", "29", "-i", file("ten-seconds.mp4"), "-c", "copy", file("fifty-mib.mp4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"faststart.mp4", "moov-at-end.mp4", "no-sound.mp4", "fifty-mib.mp4", "simulator.mp4", "simulator-captioned.mp4"})
    void readsWhatFfprobeReadsFromTheWholeFile(String name) {
        Ffmpeg.Probe probe = probeOrSkip(name);

        MediaFacts facts = new Mp4MediaFactsReader(storage).read(store(name)).orElseThrow();

        assertThat(facts.duration().toNanos() / 1e9).isCloseTo(probe.duration(), within(0.05));
        Ffmpeg.Stream video = probe.video().orElseThrow();
        assertThat(facts.width()).isEqualTo(video.width());
        assertThat(facts.height()).isEqualTo(video.height());
        assertThat(facts.videoCodec()).isEqualTo(video.codec());
        assertThat(facts.framesPerSecond()).isCloseTo(video.frameRate(), within(0.05));
        assertThat(facts.audioCodec()).isEqualTo(probe.audio().map(Ffmpeg.Stream::codec));
        assertThat((double) facts.bitsPerSecond()).isCloseTo(probe.bitRate(), within(probe.bitRate() * 0.01));
    }

    @Test
    void theSimulatorsVideoIsAPortraitH264WithAacAsAsked() {
        MediaFacts facts = new Mp4MediaFactsReader(storage).read(store("simulator-captioned.mp4")).orElseThrow();

        assertThat(facts.width()).isEqualTo(1080);
        assertThat(facts.height()).isEqualTo(1920);
        assertThat(facts.videoCodec()).isEqualTo("h264");
        assertThat(facts.audioCodec()).contains("aac");
        assertThat(facts.framesPerSecond()).isEqualTo(25.0);
    }

    @Test
    void aFileWithItsMoovFirstIsReadInOneRead() {
        StorageKey key = store("simulator.mp4");
        storage.reset();

        new Mp4MediaFactsReader(storage).read(key).orElseThrow();

        assertThat(storage.reads()).isEqualTo(1);
        assertThat(storage.bytesFetched()).isLessThanOrEqualTo(Mp4MediaFactsReader.FIRST_READ_BYTES);
    }

    @Test
    void aFiftyMebibyteFileWithItsMoovLastIsReadWithoutItsMediaData() throws IOException {
        probeOrSkip("fifty-mib.mp4");
        long size = Files.size(work.resolve("fifty-mib.mp4"));
        long moov = moovSize(work.resolve("fifty-mib.mp4"));
        StorageKey key = store("fifty-mib.mp4");
        storage.reset();

        new Mp4MediaFactsReader(storage).read(key).orElseThrow();

        System.out.printf(Locale.ROOT, "media facts of a %.1f MiB MP4 with its %d-byte moov last: %d reads, %d bytes (%.2f%% of the file)%n",
                size / (double) MIB, moov, storage.reads(), storage.bytesFetched(), 100.0 * storage.bytesFetched() / size);
        assertThat(size).isBetween(45 * MIB, 60 * MIB);
        assertThat(storage.reads()).as("the start, the moov's header, the moov").isEqualTo(3);
        assertThat(storage.bytesFetched()).isEqualTo(Mp4MediaFactsReader.FIRST_READ_BYTES + 16 + moov);
    }

    @Test
    void s3RangeReadsGiveTheSameFacts() {
        probeOrSkip("moov-at-end.mp4");
        S3FileStorage s3 = S3Storages.connect(TestS3.s3Proxy(), new TestClock());
        try {
            ReadCountingStorage counted = new ReadCountingStorage(s3);
            StorageKey onS3 = store(counted, "moov-at-end.mp4");
            counted.reset();

            MediaFacts facts = new Mp4MediaFactsReader(counted).read(onS3).orElseThrow();

            assertThat(facts).isEqualTo(new Mp4MediaFactsReader(storage).read(store("moov-at-end.mp4")).orElseThrow());
            assertThat(counted.bytesFetched()).as("ranges, not the file").isLessThan(s3.open(onS3).orElseThrow().length());
        } finally {
            s3.close();
        }
    }

    @Test
    void nothingStoredUnderTheKeyIsNoFacts() {
        assertThat(new Mp4MediaFactsReader(storage).read(StorageKey.newFor(TENANT, "missing.mp4"))).isEmpty();
    }

    private static Ffmpeg.Probe probeOrSkip(String name) {
        Assumptions.assumeTrue(Ffmpeg.installed(), Ffmpeg.MISSING);
        return Ffmpeg.probe(work.resolve(name));
    }

    /** Each file is stored once for the whole class. */
    private static StorageKey store(String name) {
        return stored.computeIfAbsent(name, file -> store(storage, file));
    }

    private static StorageKey store(FileStorage into, String name) {
        Path file = work.resolve(name);
        StorageKey key = StorageKey.newFor(TENANT, name);
        try (InputStream content = Files.newInputStream(file)) {
            into.store(key, new FileUpload(content, OptionalLong.of(Files.size(file)), name, "video/mp4"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return key;
    }

    /** The moov's size, found by walking the top-level boxes here rather than by the reader under test. */
    private static long moovSize(Path file) throws IOException {
        try (RandomAccessFile mp4 = new RandomAccessFile(file.toFile(), "r")) {
            for (long at = 0; at < mp4.length(); ) {
                mp4.seek(at);
                long size = Integer.toUnsignedLong(mp4.readInt());
                byte[] type = new byte[4];
                mp4.readFully(type);
                size = size == 1 ? mp4.readLong() : size;
                if (new String(type, StandardCharsets.US_ASCII).equals("moov")) {
                    return size;
                }
                at += size;
            }
        }
        throw new IllegalStateException(file + " has no moov");
    }

    /** A two-scene portrait render with burned-in captions, both its files, fetched over HTTP as the service would. */
    private static void downloadSimulatorVideos() throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        try (HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ZERO))) {
            String body = """
                    {"type": "studio", "title": "Facts", "resolution": "1080p", "aspect_ratio": "9:16",
                     "caption": {"file_format": "srt", "style": "default"},
                     "scenes": [{"type": "avatar_video", "input": {"type": "avatar", "avatar_id": "sim-avatar-anna",
                                 "voice_id": "sim-voice-en-1", "script": "A first scene, long enough to last a few seconds."}},
                                {"type": "avatar_video", "input": {"type": "avatar", "avatar_id": "sim-avatar-ben",
                                 "voice_id": "sim-voice-en-1", "script": "And a second one."}}]}""";
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(simulator.baseUrl().resolve("/v3/videos"))
                    .header("X-Api-Key", simulator.apiKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String id = json.readTree(created.body()).at("/data/video_id").asText();
            JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(simulator.baseUrl().resolve("/v3/videos/" + id))
                    .header("X-Api-Key", simulator.apiKey()).build(), HttpResponse.BodyHandlers.ofString()).body()).get("data");
            http.send(HttpRequest.newBuilder(URI.create(status.get("video_url").asText())).build(),
                    HttpResponse.BodyHandlers.ofFile(work.resolve("simulator.mp4")));
            http.send(HttpRequest.newBuilder(URI.create(status.get("captioned_video_url").asText())).build(),
                    HttpResponse.BodyHandlers.ofFile(work.resolve("simulator-captioned.mp4")));
        }
    }

    private static String file(String name) {
        return work.resolve(name).toString();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
