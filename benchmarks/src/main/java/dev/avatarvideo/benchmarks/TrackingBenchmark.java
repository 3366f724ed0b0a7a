package dev.avatarvideo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.bootstrap.AvatarVideoService;
import dev.avatarvideo.bootstrap.Configuration;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracking cost: videos whose render times spread log-uniformly over a realistic range, time compressed in the simulator,
 * followed through the real service in each processing mode, against a naive poller that asks about each render on its
 * own every 2 seconds (compressed by the same factor). Counts the HeyGen status calls the simulator received.
 */
public final class TrackingBenchmark {

    /**
     * @param compression how many times faster than real time renders and every tracking setting run
     * @param budgets renders in flight per HeyGen key ({@code HEYGEN_MAX_RENDERS_PER_KEY}); the first is HeyGen's default
     * @param hybridWebhookLoss the share of webhooks the simulator drops in hybrid mode, so its polling fallback is exercised
     */
    public record Settings(int videos, int compression, Duration shortestRender, Duration longestRender, List<Integer> budgets,
                           double hybridWebhookLoss, long seed, Duration patience) {

        public static Settings full() {
            return new Settings(1_000, 600, Duration.ofMinutes(1), Duration.ofMinutes(15), List.of(10, 1_000), 0.3, 42, Duration.ofMinutes(6));
        }

        public static Settings smoke() {
            return new Settings(20, 600, Duration.ofMinutes(1), Duration.ofMinutes(5), List.of(10, 100), 0.3, 42, Duration.ofMinutes(2));
        }
    }

    /** Real render time per script character: a 5,000-character script (HeyGen's most per scene) takes 15 minutes. */
    static final Duration REAL_RENDER_PER_CHARACTER = Duration.ofMillis(180);
    static final Duration NAIVE_POLL_INTERVAL = Duration.ofSeconds(2);
    static final String NAIVE = "naive poller, every 2 s per video (baseline)";

    private TrackingBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(run(args.length > 0 && args[0].equals("--smoke") ? Settings.smoke() : Settings.full()).markdown());
    }

    /** One measured run. */
    record Outcome(String name, int budget, int completed, long bulkCalls, long singleCalls, double meanDelayMs, double p99DelayMs,
                   double seconds) {
    }

    public static Table run(Settings settings) {
        int[] scripts = scriptLengths(settings);
        List<Outcome> outcomes = new ArrayList<>();
        int defaultBudget = settings.budgets().getFirst();
        outcomes.add(naive(settings, scripts, defaultBudget));
        for (int budget : settings.budgets()) {
            for (String mode : List.of("polling", "hybrid", "webhook")) {
                outcomes.add(service(settings, scripts, mode, budget));
            }
        }
        double naivePerVideo = perVideo(outcomes.getFirst().singleCalls() + outcomes.getFirst().bulkCalls(), outcomes.getFirst().completed());
        Table table = new Table("Tracking cost: " + settings.videos() + " videos, renders " + settings.shortestRender().toMinutes() + "–"
                + settings.longestRender().toMinutes() + " min (log-uniform), time compressed " + settings.compression() + "x",
                "Run", "Renders in flight per key", "Completed", "Bulk status calls / video", "Single status calls / video",
                "Status calls / video", "Ratio to naive", "Render end → READY, mean (compressed ms)", "p99 (compressed ms)", "Run took (s)");
        for (Outcome outcome : outcomes) {
            double total = perVideo(outcome.bulkCalls() + outcome.singleCalls(), outcome.completed());
            table.row(outcome.name(), outcome.budget(), outcome.completed() + "/" + settings.videos(),
                    format(perVideo(outcome.bulkCalls(), outcome.completed()), 3), format(perVideo(outcome.singleCalls(), outcome.completed()), 3),
                    format(total, 3), format(total / naivePerVideo, 4), format(outcome.meanDelayMs(), 0), format(outcome.p99DelayMs(), 0),
                    format(outcome.seconds(), 1));
        }
        double meanRenderSeconds = Arrays.stream(scripts).mapToDouble(c -> c * REAL_RENDER_PER_CHARACTER.toMillis() / 1000.0).average().orElse(0);
        double slotsPerVideo = naiveSlotsPerVideo(scripts);
        return table
                .note(String.format(Locale.ROOT, "A real 2-second poller asks about each of these renders ceil(render time / 2 s) times: %.1f calls per"
                        + " video. The naive row counts what the simulator actually answered at the compressed pace (%.1f); where it is lower, the"
                        + " simulator could not answer every compressed slot in time. Ratios use the measured row, which flatters the baseline:"
                        + " against %.1f every ratio would be smaller.", slotsPerVideo, naivePerVideo, slotsPerVideo))
                .note(String.format(Locale.ROOT, "Renders: script lengths drawn log-uniformly (seed %d), %d ms of real render time per character,"
                        + " mean %.1f min; the simulator runs them %dx faster. Every tracking setting is compressed by the same factor:"
                        + " HEYGEN_POLL_INTERVAL_MS=%d, HEYGEN_POLL_MAX_INTERVAL_MS=%d, HEYGEN_WEBHOOK_OVERDUE_MS=%d.",
                        settings.seed(), REAL_RENDER_PER_CHARACTER.toMillis(), meanRenderSeconds / 60, settings.compression(),
                        30_000 / settings.compression(), 300_000 / settings.compression(), 600_000 / settings.compression()))
                .note(String.format(Locale.ROOT, "The naive poller submits with the same budget and asks GET /v3/videos/{id} for each render every"
                        + " %d ms (2 s compressed) until it is completed; its calls per video follow from render time / 2 s"
                        + " (expected %.0f) whatever the budget. Its delay is to the poll that saw it completed; it copies nothing.",
                        NAIVE_POLL_INTERVAL.toMillis() / settings.compression(), meanRenderSeconds / 2))
                .note("Status calls counted at the simulator: bulk = GET /v3/videos/statuses (up to 100 renders each), single ="
                        + " GET /v3/videos/{id} (the service's fresh status before each download). Hybrid mode: the simulator drops "
                        + Math.round(settings.hybridWebhookLoss() * 100) + "% of webhooks, so the polling fallback does real work.")
                .note("Delays are in compressed milliseconds, measured from the simulator's completion time to the READY event's time;"
                        + " the service's loop ticks (50 ms tracker tick, the simulator's 50 ms webhook scan) are not compressed, so a"
                        + " compressed millisecond here stands for more than its share of real time.");
    }

    /** Polls a fixed 2-second poller sends per render: one every 2 s after submission, the first one after completion included. */
    static double naiveSlotsPerVideo(int[] scripts) {
        return Arrays.stream(scripts).mapToLong(c -> (c * REAL_RENDER_PER_CHARACTER.toMillis() + NAIVE_POLL_INTERVAL.toMillis() - 1)
                / NAIVE_POLL_INTERVAL.toMillis()).average().orElse(0);
    }

    static double perVideo(long calls, int videos) {
        return videos == 0 ? 0 : (double) calls / videos;
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static int[] scriptLengths(Settings settings) {
        Random random = new Random(settings.seed());
        double low = Math.log((double) settings.shortestRender().toMillis() / REAL_RENDER_PER_CHARACTER.toMillis());
        double high = Math.log((double) settings.longestRender().toMillis() / REAL_RENDER_PER_CHARACTER.toMillis());
        int[] lengths = new int[settings.videos()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = (int) Math.round(Math.exp(low + random.nextDouble() * (high - low)));
        }
        return lengths;
    }

    private static HeyGenSimulator simulator(Settings settings) {
        // In webhook and hybrid mode the service registers its plain-HTTP loopback address; HeyGen itself would want https.
        HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withHttpWebhookUrlsAllowed());
        simulator.renderTimePerScriptCharacter(REAL_RENDER_PER_CHARACTER.dividedBy(settings.compression()));
        return simulator;
    }

    private static Outcome service(Settings settings, int[] scripts, String mode, int budget) {
        Path dataDir = ServiceEnvironment.tempDir("tracking-bench-");
        TestPostgres.Database database = TestPostgres.freshDatabase();
        int port = ServiceEnvironment.freePort();
        System.err.printf(Locale.ROOT, "tracking: %s, %d in flight per key, load %s%n", mode, budget, Machine.loadAverage());
        try (HeyGenSimulator simulator = simulator(settings)) {
            if (mode.equals("hybrid")) {
                simulator.useFaults(SimulatorFaults.none().withSeed(settings.seed()).withLostWebhooks(settings.hybridWebhookLoss()));
            }
            Map<String, String> env = ServiceEnvironment.of(database, dataDir, port, simulator.baseUrl(), simulator.apiKey());
            env.put("HEYGEN_PROCESSING_MODE", mode);
            env.put("HEYGEN_POLL_INTERVAL_MS", Integer.toString(30_000 / settings.compression()));
            env.put("HEYGEN_POLL_MAX_INTERVAL_MS", Integer.toString(300_000 / settings.compression()));
            env.put("HEYGEN_WEBHOOK_OVERDUE_MS", Integer.toString(600_000 / settings.compression()));
            env.put("HEYGEN_MAX_RENDERS_PER_KEY", Integer.toString(budget));
            if (!mode.equals("polling")) {
                env.put("PUBLIC_BASE_URL", "http://localhost:" + port);
            }
            long started = System.nanoTime();
            try (AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(env))) {
                int callsBefore = statusCalls(simulator, true) + statusCalls(simulator, false);
                if (callsBefore != 0) {
                    throw new IllegalStateException("status calls before any video: " + callsBefore);
                }
                Api api = new Api(service.baseUrl(), service.firstTenant().orElseThrow().key().value());
                createAll(api, scripts);
                int ready = awaitReady(database, settings.videos(), settings.patience());
                double seconds = (System.nanoTime() - started) / 1e9;
                double[] delays = readyDelays(database, simulator);
                return new Outcome(mode, budget, ready, statusCalls(simulator, true), statusCalls(simulator, false), mean(delays),
                        percentile(delays, 99), seconds);
            }
        } finally {
            ServiceEnvironment.deleteRecursively(dataDir);
        }
    }

    private static void createAll(Api api, int[] scripts) {
        try (ExecutorService senders = Executors.newFixedThreadPool(4)) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < scripts.length; i++) {
                int index = i;
                created.add(senders.submit(() -> api.createVideo(Api.videoRequest("Lesson " + index, scripts[index]))));
            }
            for (Future<String> future : created) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("requesting the videos failed", e);
        }
    }

    /** Bulk ({@code /v3/videos/statuses}) or single ({@code /v3/videos/{id}}) status calls the simulator received. */
    static int statusCalls(HeyGenSimulator simulator, boolean bulk) {
        return (int) simulator.requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().startsWith("/v3/videos/"))
                .filter(r -> r.path().equals("/v3/videos/statuses") == bulk)
                .count();
    }

    private static int awaitReady(TestPostgres.Database database, int videos, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        int ready;
        do {
            Api.sleep(Duration.ofMillis(100));
            ready = countReady(database);
        } while (ready < videos && System.nanoTime() < deadline);
        return ready;
    }

    private static int countReady(TestPostgres.Database database) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM avatar_videos WHERE status = 'READY'")) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For each READY video: its READY event's time minus the simulator's completion time of its render, in ms. */
    private static double[] readyDelays(TestPostgres.Database database, HeyGenSimulator simulator) {
        List<Double> delays = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT v.render_id, e.occurred_at FROM avatar_videos v"
                     + " JOIN video_events e ON e.video_id = v.id AND e.status = 'READY'")) {
            while (rows.next()) {
                Instant ready = rows.getObject(2, java.time.OffsetDateTime.class).toInstant();
                Instant completed = simulator.renderCompletedAt(rows.getString(1)).orElseThrow();
                delays.add(Duration.between(completed, ready).toNanos() / 1e6);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return delays.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The naive way: every render asked about on its own every 2 s (compressed) until it is done. Each of {@code budget}
     * workers keeps one keep-alive connection and polls on a fixed-rate schedule, so the slots are those a real 2-second
     * poller would use (a late answer does not push the next slot back).
     */
    private static Outcome naive(Settings settings, int[] scripts, int budget) {
        System.err.printf(Locale.ROOT, "tracking: naive poller, %d in flight, load %s%n", budget, Machine.loadAverage());
        try (HeyGenSimulator simulator = simulator(settings)) {
            URI base = URI.create("http://127.0.0.1:" + simulator.port());
            String key = "X-Api-Key: " + simulator.apiKey();
            long interval = NAIVE_POLL_INTERVAL.dividedBy(settings.compression()).toNanos();
            AtomicInteger next = new AtomicInteger();
            List<Double> delays = java.util.Collections.synchronizedList(new ArrayList<>());
            long started = System.nanoTime();
            try (ExecutorService workers = Executors.newFixedThreadPool(budget)) {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < budget; w++) {
                    running.add(workers.submit(() -> {
                        try (LoadGenerator.Connection connection = new LoadGenerator.Connection(base)) {
                            int index;
                            while ((index = next.getAndIncrement()) < scripts.length) {
                                String created = connection.exchange(LoadGenerator.post(base, "/v3/videos", "{\"type\": \"avatar\", \"avatar_id\":"
                                        + " \"sim-avatar-anna\", \"voice_id\": \"sim-voice-en-1\", \"script\": \"" + "a".repeat(scripts[index]) + "\"}", key));
                                String id = Api.JSON.readTree(created).at("/data/video_id").asText();
                                byte[] poll = LoadGenerator.get(base, "/v3/videos/" + id, key);
                                long slot = System.nanoTime();
                                while (true) {
                                    slot += interval;
                                    java.util.concurrent.locks.LockSupport.parkNanos(slot - System.nanoTime());
                                    JsonNode status = Api.JSON.readTree(connection.exchange(poll)).get("data");
                                    if (status.get("status").asText().equals("completed")) {
                                        delays.add(Duration.between(simulator.renderCompletedAt(id).orElseThrow(), Instant.now()).toNanos() / 1e6);
                                        break;
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : running) {
                    worker.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("the naive poller failed", e);
            }
            double[] delayArray = delays.stream().mapToDouble(Double::doubleValue).toArray();
            return new Outcome(NAIVE, budget, delayArray.length, statusCalls(simulator, true), statusCalls(simulator, false), mean(delayArray),
                    percentile(delayArray, 99), (System.nanoTime() - started) / 1e9);
        }
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    static double percentile(double[] values, double percentile) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
