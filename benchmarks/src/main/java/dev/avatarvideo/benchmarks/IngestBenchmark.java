package dev.avatarvideo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.TestPostgres;
import dev.avatarvideo.testsupport.TestS3;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Ingest: a large simulated video from the HeyGen simulator into filesystem and S3 (S3Proxy) storage, through the real
 * ingest path and through the two baselines, each variant in its own JVM (see {@link IngestRun}).
 */
public final class IngestBenchmark {

    /**
     * @param sizes video sizes in bytes
     * @param serviceHeap {@code -Xmx} of the service and of the raw copy (the target: 128m)
     * @param bufferedHeap {@code -Xmx} of the buffer-everything baseline, which needs the whole file in the heap
     */
    public record Settings(List<Long> sizes, List<String> storages, String serviceHeap, String bufferedHeap, Duration patience) {

        public static Settings full() {
            return new Settings(List.of(1L << 30, 2L << 30), List.of("filesystem", "s3"), "128m", "8g", Duration.ofMinutes(15));
        }

        public static Settings smoke() {
            // Larger than two of the S3 provider's 8 MiB parts, so the multipart paths send several parts.
            return new Settings(List.of(20L << 20), List.of("filesystem", "s3"), "128m", "256m", Duration.ofMinutes(3));
        }

        /**
         * The full settings narrowed by {@code --storage filesystem|s3} and {@code --size-gib 1,2} (or {@code --size-mib 256}
         * for a quick pass on a shared machine); {@code --smoke} starts from the smoke settings instead.
         */
        public static Settings fromArguments(List<String> args) {
            Settings settings = args.contains("--smoke") ? smoke() : full();
            int storage = args.indexOf("--storage");
            if (storage >= 0) {
                List<String> storages = storage + 1 < args.size() ? List.of(args.get(storage + 1).split(",")) : List.of();
                if (storages.isEmpty() || !List.of("filesystem", "s3").containsAll(storages)) {
                    throw new IllegalArgumentException("--storage takes filesystem, s3 or both, comma-separated");
                }
                settings = new Settings(settings.sizes(), storages, settings.serviceHeap(), settings.bufferedHeap(), settings.patience());
            }
            int sizes = args.indexOf("--size-gib");
            if (sizes >= 0) {
                if (sizes + 1 >= args.size() || !args.get(sizes + 1).matches("\\d+(,\\d+)*")) {
                    throw new IllegalArgumentException("--size-gib takes whole GiB, comma-separated, such as 1,2");
                }
                settings = new Settings(java.util.Arrays.stream(args.get(sizes + 1).split(",")).map(g -> Long.parseLong(g) << 30).toList(),
                        settings.storages(), settings.serviceHeap(), settings.bufferedHeap(), settings.patience());
            }
            int mebibytes = args.indexOf("--size-mib");
            if (mebibytes >= 0) {
                if (mebibytes + 1 >= args.size() || !args.get(mebibytes + 1).matches("\\d+(,\\d+)*")) {
                    throw new IllegalArgumentException("--size-mib takes whole MiB, comma-separated, such as 64,256");
                }
                settings = new Settings(java.util.Arrays.stream(args.get(mebibytes + 1).split(",")).map(m -> Long.parseLong(m) << 20).toList(),
                        settings.storages(), settings.serviceHeap(), settings.bufferedHeap(), settings.patience());
            }
            return settings;
        }
    }

    static final String RAW = "raw streaming copy (a)";
    static final String RAW_SHA256 = "raw copy + SHA-256 (a+)";
    static final String RAW_MULTIPART = "raw multipart copy (a-mp)";
    static final String RAW_MULTIPART_OVERLAPPED = "raw multipart copy, next part read while one is sent (a-mp2)";
    static final String SERVICE = "service ingest path";
    static final String BUNDLE = "service ingest path, whole lesson: video + SRT + WebVTT + poster + preview";
    static final String BUFFERED = "buffer whole file (b)";

    private IngestBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(run(Settings.fromArguments(List.of(args))).markdown());
    }

    public static Table run(Settings settings) {
        Table table = new Table("Ingest: simulated HeyGen video into storage (each row its own JVM)",
                "Run", "Outcome", "Seconds", "MiB/s", "Ratio to (a)", "Ratio to (a+)", "Ratio to (a-mp)", "Ratio to video only", "Peak heap", "Peak RSS", "-Xmx");
        TestS3.Server s3 = TestS3.s3Proxy();
        String bucket = s3.freshBucket();
        for (long size : settings.sizes()) {
            try (HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withVideoSize(size)
                    .withRenderTime(Duration.ofMillis(100)))) {
                for (String storage : settings.storages()) {
                    Baselines baselines = new Baselines();
                    for (String variant : variants(storage)) {
                        Map<String, String> result = runVariant(settings, simulator, s3, bucket, storage, variant, size);
                        cleanUp(s3, bucket);
                        row(table, settings, storage, size, variant, result, baselines);
                    }
                }
            }
        }
        return notes(table);
    }

    /** The seconds of the raw copies of one storage and size, once they have run: what the later rows are compared with. */
    private static final class Baselines {

        double raw;
        double rawSha256;
        double rawMultipart;
        double videoOnly;

        void record(String variant, double seconds) {
            switch (variant) {
                case "raw" -> raw = seconds;
                case "service" -> videoOnly = seconds;
                case "raw-sha256" -> rawSha256 = seconds;
                case "raw-multipart" -> rawMultipart = seconds;
                default -> {
                }
            }
        }
    }

    private static void row(Table table, Settings settings, String storage, long size, String variant, Map<String, String> result,
                            Baselines baselines) {
        double seconds = Double.parseDouble(result.getOrDefault("seconds", "0"));
        boolean ok = "ok".equals(result.get("outcome"));
        if (ok) {
            baselines.record(variant, seconds);
        }
        String label = switch (variant) {
            case "raw" -> RAW;
            case "raw-sha256" -> RAW_SHA256;
            case "raw-multipart" -> RAW_MULTIPART;
            case "raw-multipart-overlapped" -> RAW_MULTIPART_OVERLAPPED;
            case "service" -> SERVICE;
            case "service-bundle" -> BUNDLE;
            default -> BUFFERED;
        };
        String outcome = !ok ? result.get("outcome")
                : variant.equals("service") ? String.format(Locale.ROOT, "ok (copy alone %.2f s)", Double.parseDouble(result.get("copySeconds")))
                : variant.equals("service-bundle") ? String.format(Locale.ROOT, "ok (copy alone %.2f s; %s objects, %s KiB besides the video)",
                        Double.parseDouble(result.get("copySeconds")), result.get("storedObjects"),
                        (Long.parseLong(result.get("storedBytes")) - size + 1023) / 1024)
                : variant.startsWith("raw-multipart") ? String.format(Locale.ROOT, "ok (complete %.2f s)", Double.parseDouble(result.get("copySeconds")))
                : result.get("outcome");
        table.row(rowName(storage, size, label), outcome,
                ok ? String.format(Locale.ROOT, "%.2f", seconds) : "-",
                ok ? String.format(Locale.ROOT, "%.0f", size / 1024.0 / 1024.0 / seconds) : "-",
                ok && baselines.raw > 0 ? String.format(Locale.ROOT, "%.2f", baselines.raw / seconds) : "-",
                ok && baselines.rawSha256 > 0 && !variant.equals("raw") ? String.format(Locale.ROOT, "%.2f", baselines.rawSha256 / seconds) : "-",
                ok && baselines.rawMultipart > 0 && !variant.startsWith("raw-sha") ? String.format(Locale.ROOT, "%.2f", baselines.rawMultipart / seconds) : "-",
                ok && baselines.videoOnly > 0 && variant.startsWith("service") ? String.format(Locale.ROOT, "%.2f", baselines.videoOnly / seconds) : "-",
                ProcessMemory.mib(Long.parseLong(result.get("peakHeap"))),
                ProcessMemory.mib(Long.parseLong(result.get("peakRss"))),
                variant.equals("buffered") ? settings.bufferedHeap() : settings.serviceHeap());
    }

    private static Table notes(Table table) {
        return table
                .note("(a+) is (a) with the SHA-256 the service computes on the way and nothing else: the share of the gap to (a) that"
                        + " the checksum alone explains on this machine.")
                .note("(a) streams the same bytes with the same client libraries (JDK HttpClient; a FileChannel forced to disk, or one"
                        + " streaming AWS SDK PutObject) and no service logic, the S3 client built and its bucket checked before the clock starts (as the"
                        + " service's is at start). (b) reads the whole body into one byte array, then writes it.")
                .note("(a-mp), S3 only: the same bytes as (a) sent as a multipart upload in the service's part size (8 MiB), read one part"
                        + " and then send it, same client, nothing else; (a-mp2): the same with each part sent while the next is read, the"
                        + " service's own schedule. Complete: the time of their CompleteMultipartUpload call, within their seconds.")
                .note("The service row is the real path: polling sees the render completed, VideoIngester asks HeyGen for a fresh"
                        + " address, HeyGenVideoRenderer streams the download through CrashSafeStorage into the provider (SHA-256 on the way,"
                        + " ledger entry, READY in one transaction). Seconds: from its INGESTING to its READY event; copy alone: the ingest"
                        + " timer in /metrics.")
                .note("The whole-lesson row is the service row with sidecar captions asked for: after the video, LessonBundles copies"
                        + " HeyGen's SRT, converts it to WebVTT streaming from storage, copies the poster (JPEG) and the animated preview"
                        + " (GIF), reads the video's media facts, and commits all five in the one READY transaction. Objects: what storage"
                        + " holds afterwards. Ratio to video only: the service row's seconds over this row's, same size, same run.")
                .note("Ratio to (a): (a)'s seconds over this row's, so 1.00 is as fast as the raw copy. Peak heap: the sum of the heap"
                        + " pools' peaks (an upper bound); peak RSS: VmHWM of the JVM's process.");
    }

    /** The multipart baselines exist only where the service uploads in parts. */
    private static List<String> variants(String storage) {
        return storage.equals("s3")
                ? List.of("raw", "raw-sha256", "raw-multipart", "raw-multipart-overlapped", "service", "service-bundle", "buffered")
                : List.of("raw", "raw-sha256", "service", "service-bundle", "buffered");
    }

    static String rowName(String storage, long size, String variant) {
        return storage + ", " + sizeLabel(size) + ", " + variant;
    }

    static String sizeLabel(long size) {
        return size >= 1L << 30 ? (size >> 30) + " GiB" : (size >> 20) + " MiB";
    }

    private static Map<String, String> runVariant(Settings settings, HeyGenSimulator simulator, TestS3.Server s3, String bucket, String storage,
                                                  String variant, long size) {
        Path dataDir = ServiceEnvironment.tempDir("ingest-bench-");
        try {
            Map<String, String> env = new HashMap<>();
            if (storage.equals("s3")) {
                env.put("STORAGE_PROVIDER", "s3");
                env.put("S3_BUCKET", bucket);
                env.put("S3_ENDPOINT", s3.endpoint().toString());
                env.put("S3_REGION", s3.region());
                env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
                env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
                env.put("BENCH_S3_BUCKET", bucket);
            }
            if (variant.startsWith("service")) {
                env.putAll(ServiceEnvironment.of(TestPostgres.freshDatabase(), dataDir, 0, simulator.baseUrl(), simulator.apiKey()));
                env.put("HEYGEN_POLL_INTERVAL_MS", "100");
                env.put("HEYGEN_POLL_MAX_INTERVAL_MS", "200");
            } else {
                env.put("BENCH_VIDEO_URL", completedVideoUrl(simulator));
                env.put("BENCH_TARGET_DIR", dataDir.toString());
            }
            String heap = variant.equals("buffered") ? settings.bufferedHeap() : settings.serviceHeap();
            System.err.printf(Locale.ROOT, "ingest: %s (-Xmx%s), load %s%n", rowName(storage, size, variant), heap, Machine.loadAverage());
            try (ChildJvm.Running child = ChildJvm.start("ingest-" + variant, List.of("-Xmx" + heap, "-XX:+UseG1GC"), IngestRun.class,
                    List.of(variant, storage, Long.toString(size)), env)) {
                return child.awaitResult(settings.patience());
            }
        } finally {
            ServiceEnvironment.deleteRecursively(dataDir);
        }
    }

    /** Starts a render on the simulator as HeyGen's API would and answers its signed download address once it is done. */
    private static String completedVideoUrl(HeyGenSimulator simulator) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(simulator.baseUrl().resolve("/v3/videos"))
                    .header("X-Api-Key", simulator.apiKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"avatar\", \"avatar_id\": \"sim-avatar-anna\","
                            + " \"voice_id\": \"sim-voice-en-1\", \"script\": \"Ingest benchmark.\"}")).build(), HttpResponse.BodyHandlers.ofString());
            String id = Api.json(created).at("/data/video_id").asText();
            for (int attempt = 0; attempt < 100; attempt++) {
                Api.sleep(Duration.ofMillis(100));
                JsonNode status = Api.json(http.send(HttpRequest.newBuilder(simulator.baseUrl().resolve("/v3/videos/" + id))
                        .header("X-Api-Key", simulator.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofString())).get("data");
                if (status.get("status").asText().equals("completed")) {
                    return status.get("video_url").asText();
                }
            }
            throw new IllegalStateException("the simulator's render " + id + " did not complete");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void cleanUp(TestS3.Server s3, String bucket) {
        try (S3Client client = s3.client()) {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                client.deleteObject(b -> b.bucket(bucket).key(object.key()));
            }
        }
    }

}
