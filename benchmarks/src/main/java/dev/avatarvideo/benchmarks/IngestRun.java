package dev.avatarvideo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.adapters.storage.S3Settings;
import dev.avatarvideo.bootstrap.AvatarVideoService;
import dev.avatarvideo.bootstrap.Configuration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One ingest variant in a JVM of its own (so its peaks are its own), started by {@link IngestBenchmark}:
 * <ul>
 *   <li>{@code service}: the real service — polling finds the render completed, {@code VideoIngester} asks HeyGen for a
 *       fresh address and streams it through {@code HeyGenVideoRenderer}'s download and {@code CrashSafeStorage} into the
 *       configured storage; timed from the video's {@code INGESTING} to its {@code READY} event;</li>
 *   <li>{@code service-bundle}: the same with sidecar captions asked for, so the whole lesson is copied (video, SRT,
 *       WebVTT made from it, poster, animated preview) before the one READY commit; its storage is counted afterwards;</li>
 *   <li>{@code raw}: baseline (a), the same bytes with the same client libraries (JDK {@code HttpClient}; a file channel
 *       forced to disk as the filesystem provider does, or one streaming AWS SDK {@code PutObject}) and nothing else;</li>
 *   <li>{@code raw-multipart}: baseline (a-mp), S3 only — the same bytes as a multipart upload in parts of the service's
 *       size, one part read and then sent, with the same client and nothing else; {@code raw-multipart-overlapped}: the
 *       same with each part sent while the next is read, as the service does;</li>
 *   <li>{@code buffered}: baseline (b), the whole file read into one byte array, then written.</li>
 * </ul>
 * Prints one {@code RESULT} line.
 */
public final class IngestRun {

    private IngestRun() {
    }

    public static void main(String[] args) {
        String variant = args[0];
        String storage = args[1];
        long expectedBytes = Long.parseLong(args[2]);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("variant", variant);
        result.put("storage", storage);
        try {
            Measured measured = switch (variant) {
                case "service" -> service(expectedBytes, false);
                case "service-bundle" -> service(expectedBytes, true);
                case "raw" -> raw(storage, expectedBytes, false);
                case "raw-sha256" -> raw(storage, expectedBytes, true);
                case "raw-multipart" -> rawMultipart(expectedBytes, false);
                case "raw-multipart-overlapped" -> rawMultipart(expectedBytes, true);
                case "buffered" -> buffered(storage, expectedBytes);
                default -> throw new IllegalArgumentException("unknown variant " + variant);
            };
            result.put("bytes", measured.bytes());
            result.put("seconds", measured.seconds());
            result.put("copySeconds", measured.copySeconds());
            result.put("storedObjects", measured.storedObjects());
            result.put("storedBytes", measured.storedBytes());
            result.put("outcome", measured.bytes() != expectedBytes ? "wrong size " + measured.bytes()
                    : variant.equals("service-bundle") && measured.storedObjects() != BUNDLE_FILES
                    ? "wrong bundle: " + measured.storedObjects() + " objects in storage, not " + BUNDLE_FILES : "ok");
        } catch (Throwable e) {
            result.put("outcome", "failed: " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        result.put("peakHeap", ProcessMemory.peakHeapBytes());
        result.put("maxHeap", ProcessMemory.maxHeapBytes());
        result.put("peakRss", ProcessMemory.peakRssBytes(ProcessHandle.current().pid()).orElse(-1));
        System.out.println(ChildJvm.result(result));
        System.out.flush();
        // The service's non-daemon threads are stopped by close(); exit at once so nothing lingers either way.
        Runtime.getRuntime().halt(0);
    }

    /**
     * Bytes copied (the video's), the time it took end to end, (for the service) the copy alone as its metrics timed it,
     * and (for the service) the objects storage holds afterwards and their bytes together.
     */
    record Measured(long bytes, double seconds, double copySeconds, long storedObjects, long storedBytes) {

        Measured(long bytes, double seconds, double copySeconds) {
            this(bytes, seconds, copySeconds, 0, 0);
        }
    }

    /** What a lesson with sidecar captions keeps: the video, the SRT, the WebVTT, the poster and the animated preview. */
    static final int BUNDLE_FILES = 5;

    /** The real service path; {@code bundle} asks for sidecar captions, so the whole lesson is copied, not the video alone. */
    private static Measured service(long expectedBytes, boolean bundle) throws Exception {
        Map<String, String> env = System.getenv();
        try (AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(env))) {
            Api api = new Api(service.baseUrl(), service.firstTenant().orElseThrow().key().value());
            String request = Api.videoRequest("Ingest benchmark", 60);
            String id = api.createVideo(bundle ? request.replaceFirst("\\{", "{\"captions\": \"sidecar\", ") : request);
            JsonNode video = api.awaitFinished(id, Duration.ofMinutes(30), Duration.ofMillis(50));
            if (!video.get("status").asText().equals("READY")) {
                throw new IllegalStateException("the video ended " + video.get("status").asText() + ": " + video.get("error"));
            }
            long bytes = video.at("/file/fileSize").asLong();
            double copy = Api.sample(api.metrics(), "avatarvideo_ingest_duration_seconds_sum{outcome=\"complete\"}");
            Duration ingest = ingestingToReady(env, id);
            long[] stored = storedObjects(env);
            return new Measured(bytes, ingest.toNanos() / 1e9, copy, stored[0], stored[1]);
        }
    }

    /** How many objects the service's storage holds, and their bytes together: every part it kept, nothing else. */
    private static long[] storedObjects(Map<String, String> env) throws IOException {
        if ("s3".equals(env.get("STORAGE_PROVIDER"))) {
            try (S3Client s3 = connectedS3()) {
                List<Long> sizes = s3.listObjectsV2Paginator(b -> b.bucket(env.get("BENCH_S3_BUCKET"))).contents().stream()
                        .map(software.amazon.awssdk.services.s3.model.S3Object::size).toList();
                return new long[] {sizes.size(), sizes.stream().mapToLong(Long::longValue).sum()};
            }
        }
        Path root = Path.of(env.get("DATA_DIR"), "files");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(root)) {
            List<Path> objects = files.filter(java.nio.file.Files::isRegularFile)
                    .filter(f -> !root.relativize(f).startsWith(".incoming") && !f.toString().endsWith(".meta")).toList();
            long bytes = 0;
            for (Path object : objects) {
                bytes += java.nio.file.Files.size(object);
            }
            return new long[] {objects.size(), bytes};
        }
    }

    private static Duration ingestingToReady(Map<String, String> env, String videoId) throws Exception {
        try (Connection connection = DriverManager.getConnection(env.get("DATABASE_URL"), env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
             PreparedStatement query = connection.prepareStatement("SELECT status, occurred_at FROM video_events WHERE video_id = ? ORDER BY id")) {
            query.setObject(1, UUID.fromString(videoId));
            Instant ingesting = null;
            Instant ready = null;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant at = rows.getObject(2, java.time.OffsetDateTime.class).toInstant();
                    switch (rows.getString(1)) {
                        case "INGESTING" -> ingesting = at;
                        case "READY" -> ready = at;
                        default -> { }
                    }
                }
            }
            if (ingesting == null || ready == null) {
                throw new IllegalStateException("no INGESTING and READY events for " + videoId);
            }
            return Duration.between(ingesting, ready);
        }
    }

    /** The raw copy, and with {@code sha256} the same plus the checksum the service computes on the way (and nothing else). */
    private static Measured raw(String storage, long expectedBytes, boolean sha256) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        S3Client s3 = storage.equals("s3") ? connectedS3() : null;
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(System.getenv("BENCH_VIDEO_URL"))).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long length = response.headers().firstValueAsLong("Content-Length").orElse(expectedBytes);
        long bytes;
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (InputStream in = sha256 ? new java.security.DigestInputStream(response.body(), digest) : response.body()) {
            if (storage.equals("filesystem")) {
                bytes = 0;
                byte[] buffer = new byte[64 * 1024];
                try (FileChannel out = FileChannel.open(Path.of(System.getenv("BENCH_TARGET_DIR"), "raw.mp4"), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                        while (chunk.hasRemaining()) {
                            out.write(chunk);
                        }
                        bytes += read;
                    }
                    out.force(true);
                }
            } else {
                try (s3) {
                    s3.putObject(b -> b.bucket(System.getenv("BENCH_S3_BUCKET")).key("raw.mp4").contentType("video/mp4"),
                            RequestBody.fromInputStream(in, length));
                    bytes = s3.headObject(b -> b.bucket(System.getenv("BENCH_S3_BUCKET")).key("raw.mp4")).contentLength();
                }
            }
        }
        if (sha256) {
            digest.digest();
        }
        return new Measured(bytes, (System.nanoTime() - start) / 1e9, 0);
    }

    /**
     * A multipart upload of the download with no service logic: {@code overlapped} sends each part on a second thread
     * while the next is read (two part buffers), otherwise reading and sending take turns (one buffer).
     */
    private static Measured rawMultipart(long expectedBytes, boolean overlapped) throws Exception {
        String bucket = System.getenv("BENCH_S3_BUCKET");
        String key = "raw-multipart.mp4";
        HttpClient http = HttpClient.newHttpClient();
        S3Client s3 = connectedS3();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(System.getenv("BENCH_VIDEO_URL"))).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (s3; InputStream in = response.body();
             ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("raw-part-upload").factory())) {
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("video/mp4")).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            byte[][] buffers = new byte[overlapped ? 2 : 1][S3Settings.DEFAULT_PART_SIZE];
            Future<CompletedPart> sending = null;
            for (int number = 1; ; number++) {
                byte[] buffer = buffers[number % buffers.length];
                int length = in.readNBytes(buffer, 0, buffer.length);
                if (length == 0) {
                    break;
                }
                int partNumber = number;
                Future<CompletedPart> next = sender.submit(() -> {
                    UploadPartResponse part = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                            .contentLength((long) length), RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length),
                            length, "application/octet-stream"));
                    return CompletedPart.builder().partNumber(partNumber).eTag(part.eTag()).build();
                });
                if (overlapped) {
                    // The part before has been sent once this returns, so its buffer can take the part after this one.
                    if (sending != null) {
                        parts.add(sending.get());
                    }
                    sending = next;
                } else {
                    parts.add(next.get());
                }
            }
            if (sending != null) {
                parts.add(sending.get());
            }
            long beforeComplete = System.nanoTime();
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            long end = System.nanoTime();
            long bytes = s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
            return new Measured(bytes, (end - start) / 1e9, (end - beforeComplete) / 1e9);
        }
    }

    /** The whole file in memory first, as the first integration did: at 2 GiB no Java array can hold it. */
    private static Measured buffered(String storage, long expectedBytes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        S3Client s3 = storage.equals("s3") ? connectedS3() : null;
        long start = System.nanoTime();
        byte[] body = http.send(HttpRequest.newBuilder(URI.create(System.getenv("BENCH_VIDEO_URL"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        long bytes;
        if (storage.equals("filesystem")) {
            try (FileChannel out = FileChannel.open(Path.of(System.getenv("BENCH_TARGET_DIR"), "buffered.mp4"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer all = ByteBuffer.wrap(body);
                while (all.hasRemaining()) {
                    out.write(all);
                }
                out.force(true);
                bytes = out.size();
            }
        } else {
            try (s3) {
                s3.putObject(b -> b.bucket(System.getenv("BENCH_S3_BUCKET")).key("buffered.mp4").contentType("video/mp4"), RequestBody.fromBytes(body));
                bytes = s3.headObject(b -> b.bucket(System.getenv("BENCH_S3_BUCKET")).key("buffered.mp4")).contentLength();
            }
        }
        return new Measured(bytes, (System.nanoTime() - start) / 1e9, 0);
    }

    /**
     * The client the S3 provider builds for an S3-compatible endpoint (Apache HTTP, path style, checksums only where
     * required), built and its bucket checked before the clock starts, as the service does at start: the first use of the
     * AWS SDK in a fresh JVM loads classes for about a second, which the service's timed copy never pays.
     */
    private static S3Client connectedS3() {
        S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(System.getenv("S3_ENDPOINT")))
                .region(Region.of(System.getenv("S3_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(System.getenv("AWS_ACCESS_KEY_ID"),
                        System.getenv("AWS_SECRET_ACCESS_KEY"))))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.builder().maxConnections(32).socketTimeout(Duration.ofSeconds(60)).build())
                .build();
        s3.headBucket(b -> b.bucket(System.getenv("BENCH_S3_BUCKET")));
        return s3;
    }

}
