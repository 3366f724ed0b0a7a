package dev.avatarvideo.benchmarks;

import dev.avatarvideo.bootstrap.AvatarVideoService;
import dev.avatarvideo.bootstrap.Configuration;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * API: requests per second and latency of {@code GET /api/videos/{id}} and {@code POST /api/videos}, authenticated with a
 * service key as the platform calls them, next to a bare Javalin hello-world (same Javalin, same virtual threads) in the
 * same JVM and the same run, and next to bare routes in that hello-world app that read the same row from the same PostgreSQL
 * once and twice per request.
 */
public final class ApiBenchmark {

    public record Settings(int connections, Duration warmUp, Duration measure) {

        public static Settings full() {
            return new Settings(16, Duration.ofSeconds(5), Duration.ofSeconds(15));
        }

        public static Settings smoke() {
            return new Settings(4, Duration.ofMillis(300), Duration.ofSeconds(1));
        }
    }

    static final String HELLO = "GET /hello (bare Javalin, baseline)";
    static final String ONE_READ = "GET /row/{id} (bare Javalin, one PostgreSQL read)";
    static final String TWO_READS = "GET /two-rows/{keyId}/{id} (bare Javalin, two PostgreSQL reads)";
    static final String GET_VIDEO = "GET /api/videos/{id}";
    /** The parts of a lesson, each a stored file joined under its own alias, as the service's read joins them. */
    private static final List<String> LESSON_PARTS = List.of("captions_srt", "captions_vtt", "poster", "preview");
    /**
     * The row GET /api/videos/{id} reads: the video with its stored file's metadata and its lesson (caption files,
     * poster, preview, media facts), so the yardstick reads what the service reads.
     */
    private static final String VIDEO_ROW = "SELECT v.*, f.file_url, f.file_name, f.file_size, f.file_type, f.checksum, f.provider, f.uploaded_at, lp.*"
            + LESSON_PARTS.stream().map(p -> String.format(", %1$s.file_url AS %1$s_url, %1$s.file_name AS %1$s_name, %1$s.file_size AS %1$s_size,"
                    + " %1$s.file_type AS %1$s_type, %1$s.checksum AS %1$s_checksum, %1$s.provider AS %1$s_provider,"
                    + " %1$s.uploaded_at AS %1$s_uploaded_at", p)).collect(java.util.stream.Collectors.joining())
            + " FROM avatar_videos v LEFT JOIN stored_files f ON f.storage_path = v.file_path LEFT JOIN lesson_parts lp ON lp.video_id = v.id"
            + LESSON_PARTS.stream().map(p -> String.format(" LEFT JOIN stored_files %1$s ON %1$s.storage_path = lp.%1$s_path", p))
                    .collect(java.util.stream.Collectors.joining())
            + " WHERE v.id = :id";
    /** The row GET /api/videos/{id} reads first, to authenticate the service key. */
    private static final String API_KEY_ROW = "SELECT * FROM api_keys WHERE id = :id";
    /** The service's pool size, so the baseline's reads can queue no less than the service's. */
    private static final int POOL_SIZE = 10;
    static final String POST_VIDEO = "POST /api/videos";

    private ApiBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(run(args.length > 0 && args[0].equals("--smoke") ? Settings.smoke() : Settings.full()).markdown());
    }

    public static Table run(Settings settings) {
        Path dataDir = ServiceEnvironment.tempDir("api-bench-");
        TestPostgres.Database database = TestPostgres.freshDatabase();
        HikariDataSource pool = pool(database);
        Jdbi jdbi = Jdbi.create(pool);
        Javalin hello = baselines(jdbi);
        try (HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(200)));
             AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(environment(database, dataDir, simulator)))) {
            URI helloUrl = URI.create("http://127.0.0.1:" + hello.port());
            URI api = URI.create("http://127.0.0.1:" + service.baseUrl().getPort());
            String key = service.firstTenant().orElseThrow().key().value();
            String authorization = "Authorization: Bearer " + key;
            Api client = new Api(service.baseUrl(), key);
            String videoId = client.createVideo(Api.videoRequest("Lesson 1: Welcome", 200));
            client.awaitFinished(videoId, Duration.ofMinutes(2), Duration.ofMillis(100));

            String keyId = jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM api_keys").mapTo(String.class).first());
            byte[] helloRequest = LoadGenerator.get(helloUrl, "/hello");
            byte[] oneReadRequest = LoadGenerator.get(helloUrl, "/row/" + videoId, "Accept: application/json");
            byte[] twoReadsRequest = LoadGenerator.get(helloUrl, "/two-rows/" + keyId + "/" + videoId, "Accept: application/json");
            byte[] getRequest = LoadGenerator.get(api, "/api/videos/" + videoId, authorization, "Accept: application/json");
            byte[] postRequest = LoadGenerator.post(api, "/api/videos", Api.videoRequest("Lesson 2: Basics", 400), authorization);

            Measured helloResult = measure(() -> LoadGenerator.run(helloUrl, settings.connections(), settings.warmUp(), settings.measure(),
                    n -> helloRequest, 200));
            Measured oneReadResult = measure(() -> LoadGenerator.run(helloUrl, settings.connections(), settings.warmUp(), settings.measure(),
                    n -> oneReadRequest, 200));
            Measured twoReadsResult = measure(() -> LoadGenerator.run(helloUrl, settings.connections(), settings.warmUp(), settings.measure(),
                    n -> twoReadsRequest, 200));
            Measured getResult = measure(() -> LoadGenerator.run(api, settings.connections(), settings.warmUp(), settings.measure(),
                    n -> getRequest, 200));
            Measured postResult = measure(() -> LoadGenerator.run(api, settings.connections(), settings.warmUp(), settings.measure(),
                    n -> postRequest, 202));

            return table(settings, Map.of(HELLO, helloResult, ONE_READ, oneReadResult, TWO_READS, twoReadsResult, GET_VIDEO, getResult,
                    POST_VIDEO, postResult));
        } finally {
            hello.stop();
            pool.close();
            ServiceEnvironment.deleteRecursively(dataDir);
        }
    }

    /** The baselines: a hello-world route, and bare routes that read what the service's GET reads, one and two rows. */
    private static Javalin baselines(Jdbi jdbi) {
        return Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(new ObjectMapper(), true));
            config.routes.get("/hello", ctx -> ctx.result("Hello, world"));
            config.routes.get("/row/{id}", ctx -> ctx.json(row(jdbi, VIDEO_ROW, UUID.fromString(ctx.pathParam("id")))));
            config.routes.get("/two-rows/{keyId}/{id}", ctx -> {
                row(jdbi, API_KEY_ROW, ctx.pathParam("keyId"));
                ctx.json(row(jdbi, VIDEO_ROW, UUID.fromString(ctx.pathParam("id"))));
            });
        }).start("127.0.0.1", 0);
    }

    private static Table table(Settings settings, Map<String, Measured> phases) {
        Table table = new Table("API: " + settings.connections() + " keep-alive connections, closed loop, " + settings.measure().toSeconds()
                + " s measured after " + settings.warmUp().toSeconds() + " s warm-up each",
                "Endpoint", "Requests/s", "Ratio to hello-world", "Ratio to one read", "p50 ms", "p99 ms", "Requests", "Unexpected answers",
                "JVM CPU µs / request", "PostgreSQL CPU µs / request");
        for (Map.Entry<String, Measured> entry : phases.entrySet().stream().sorted(Map.Entry.comparingByKey(ApiBenchmark::order)).toList()) {
            LoadGenerator.Result result = entry.getValue().load();
            table.row(entry.getKey(), String.format(Locale.ROOT, "%.0f", result.requestsPerSecond()),
                    String.format(Locale.ROOT, "%.2f", result.requestsPerSecond() / phases.get(HELLO).load().requestsPerSecond()),
                    entry.getKey().equals(HELLO) ? "-"
                            : String.format(Locale.ROOT, "%.2f", result.requestsPerSecond() / phases.get(ONE_READ).load().requestsPerSecond()),
                    String.format(Locale.ROOT, "%.2f", result.p50Millis()), String.format(Locale.ROOT, "%.2f", result.p99Millis()),
                    result.requests(), result.unexpected(), perRequest(entry.getValue().jvmNanos(), result), perRequest(entry.getValue().postgresNanos(), result));
        }
        return table
                .note("Server and load generator share the JVM and the 2 cores, for the baseline and the service alike. CPU per request:"
                        + " this JVM's (server and load generator, warm-up included) and every PostgreSQL process's CPU time over the phase,"
                        + " divided by the requests measured.")
                .note("The one-read baseline is a bare route in the hello-world app that reads the row GET /api/videos/{id} reads (the"
                        + " video joined with its file's metadata and its lesson's parts) by primary key through Jdbi and a HikariCP pool of " + POOL_SIZE
                        + " (the service's size) on the service's PostgreSQL database, and answers it as JSON (Jackson); the two-read"
                        + " baseline first reads the API key's row by primary key, as the service authenticates, then the same.")
                .note("GET reads a READY video (with its file's metadata, its lesson's poster and preview, and freshly signed fileUrls) with the tenant's service key;"
                        + " POST requests a one-scene video (400-character script) and answers 202, while the service submits the queued"
                        + " videos to the simulator in the background.");
    }

    /** A phase's load result and the CPU this JVM and PostgreSQL spent on it. */
    record Measured(LoadGenerator.Result load, long jvmNanos, long postgresNanos) {
    }

    private static Measured measure(java.util.function.Supplier<LoadGenerator.Result> phase) {
        long jvm = CpuTime.jvmNanos();
        long postgres = CpuTime.postgresNanos();
        LoadGenerator.Result result = phase.get();
        return new Measured(result, CpuTime.jvmNanos() - jvm, CpuTime.postgresNanos() - postgres);
    }

    private static String perRequest(long nanos, LoadGenerator.Result result) {
        return result.requests() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", nanos / 1000.0 / result.requests());
    }

    private static int order(String a, String b) {
        return Integer.compare(rank(a), rank(b));
    }

    private static int rank(String endpoint) {
        return List.of(HELLO, ONE_READ, TWO_READS, GET_VIDEO, POST_VIDEO).indexOf(endpoint);
    }

    private static HikariDataSource pool(TestPostgres.Database database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("bare-baseline-db");
        return new HikariDataSource(config);
    }

    /** One row by primary key, each column as PostgreSQL's text of it: the SQL round trip and little else. */
    private static Map<String, String> row(Jdbi jdbi, String sql, Object id) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).bind("id", id).map((rs, ctx) -> {
            Map<String, String> columns = new LinkedHashMap<>();
            for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                columns.put(rs.getMetaData().getColumnLabel(column), rs.getString(column));
            }
            return columns;
        }).one());
    }

    private static Map<String, String> environment(TestPostgres.Database database, Path dataDir, HeyGenSimulator simulator) {
        Map<String, String> env = ServiceEnvironment.of(database, dataDir, 0, simulator.baseUrl(), simulator.apiKey());
        env.put("HEYGEN_POLL_INTERVAL_MS", "100");
        env.put("HEYGEN_POLL_MAX_INTERVAL_MS", "500");
        return env;
    }
}
