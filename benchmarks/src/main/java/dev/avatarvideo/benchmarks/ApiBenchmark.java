package dev.avatarvideo.benchmarks;

import dev.avatarvideo.bootstrap.AvatarVideoService;
import dev.avatarvideo.bootstrap.Configuration;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.TestPostgres;
import io.javalin.Javalin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * API: requests per second and latency of {@code GET /api/videos/{id}} and {@code POST /api/videos}, authenticated with a
 * service key as the platform calls them, next to a bare Javalin hello-world (same Javalin, same virtual threads) in the
 * same JVM and the same run.
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
    static final String GET_VIDEO = "GET /api/videos/{id}";
    static final String POST_VIDEO = "POST /api/videos";

    private ApiBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(run(args.length > 0 && args[0].equals("--smoke") ? Settings.smoke() : Settings.full()).markdown());
    }

    public static Table run(Settings settings) {
        Path dataDir = ServiceEnvironment.tempDir("api-bench-");
        Javalin hello = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.routes.get("/hello", ctx -> ctx.result("Hello, world"));
        }).start("127.0.0.1", 0);
        try (HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(200)));
             AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(environment(dataDir, simulator)))) {
            URI helloUrl = URI.create("http://127.0.0.1:" + hello.port());
            URI api = URI.create("http://127.0.0.1:" + service.baseUrl().getPort());
            String key = service.firstTenant().orElseThrow().key().value();
            String authorization = "Authorization: Bearer " + key;
            Api client = new Api(service.baseUrl(), key);
            String videoId = client.createVideo(Api.videoRequest("Lesson 1: Welcome", 200));
            client.awaitFinished(videoId, Duration.ofMinutes(2), Duration.ofMillis(100));

            byte[] helloRequest = LoadGenerator.get(helloUrl, "/hello");
            byte[] getRequest = LoadGenerator.get(api, "/api/videos/" + videoId, authorization, "Accept: application/json");
            byte[] postRequest = LoadGenerator.post(api, "/api/videos", Api.videoRequest("Lesson 2: Basics", 400), authorization);

            Measured helloResult = measure(() -> LoadGenerator.run(helloUrl, settings.connections(), settings.warmUp(), settings.measure(),
                    n -> helloRequest, 200));
            Measured getResult = measure(() -> LoadGenerator.run(api, settings.connections(), settings.warmUp(), settings.measure(),
                    n -> getRequest, 200));
            Measured postResult = measure(() -> LoadGenerator.run(api, settings.connections(), settings.warmUp(), settings.measure(),
                    n -> postRequest, 202));

            Table table = new Table("API: " + settings.connections() + " keep-alive connections, closed loop, " + settings.measure().toSeconds()
                    + " s measured after " + settings.warmUp().toSeconds() + " s warm-up each",
                    "Endpoint", "Requests/s", "Ratio to hello-world", "p50 ms", "p99 ms", "Requests", "Unexpected answers",
                    "JVM CPU µs / request", "PostgreSQL CPU µs / request");
            for (Map.Entry<String, Measured> entry : Map.of(HELLO, helloResult, GET_VIDEO, getResult, POST_VIDEO, postResult)
                    .entrySet().stream().sorted(Map.Entry.comparingByKey(ApiBenchmark::order)).toList()) {
                LoadGenerator.Result result = entry.getValue().load();
                table.row(entry.getKey(), String.format(Locale.ROOT, "%.0f", result.requestsPerSecond()),
                        String.format(Locale.ROOT, "%.2f", result.requestsPerSecond() / helloResult.load().requestsPerSecond()),
                        String.format(Locale.ROOT, "%.2f", result.p50Millis()), String.format(Locale.ROOT, "%.2f", result.p99Millis()),
                        result.requests(), result.unexpected(), perRequest(entry.getValue().jvmNanos(), result), perRequest(entry.getValue().postgresNanos(), result));
            }
            return table
                    .note("Server and load generator share the JVM and the 2 cores, for the baseline and the service alike. CPU per request:"
                            + " this JVM's (server and load generator, warm-up included) and every PostgreSQL process's CPU time over the phase,"
                            + " divided by the requests measured.")
                    .note("GET reads a READY video (with its file's metadata and a freshly signed fileUrl) with the tenant's service key;"
                            + " POST requests a one-scene video (400-character script) and answers 202, while the service submits the queued"
                            + " videos to the simulator in the background.");
        } finally {
            hello.stop();
            ServiceEnvironment.deleteRecursively(dataDir);
        }
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
        return endpoint.equals(HELLO) ? 0 : endpoint.equals(GET_VIDEO) ? 1 : 2;
    }

    private static Map<String, String> environment(Path dataDir, HeyGenSimulator simulator) {
        Map<String, String> env = ServiceEnvironment.of(TestPostgres.freshDatabase(), dataDir, 0, simulator.baseUrl(), simulator.apiKey());
        env.put("HEYGEN_POLL_INTERVAL_MS", "100");
        env.put("HEYGEN_POLL_MAX_INTERVAL_MS", "500");
        return env;
    }
}
