package dev.avatarvideo.benchmarks;

import dev.avatarvideo.bootstrap.Main;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Slots: does the service keep every one of a HeyGen key's render slots busy while videos wait? Many videos through one
 * or several instances of the real {@code Main} (each a JVM of its own, all on one PostgreSQL and one storage directory,
 * behind one balancing address) against the simulator holding HeyGen's limit of renders in progress per key (429 with
 * Retry-After above it), in polling and in webhook mode. Each run is set against the ceiling the key allows (every slot
 * busy from the first request on, then one copy); slot utilisation comes from the simulator's own render times and the
 * service's status events.
 */
public final class SlotsBenchmark {

    private static final long MIB = 1L << 20;

    /**
     * @param renderTime how long every render takes in the simulator
     * @param slots renders in progress HeyGen allows per key, enforced by the simulator and given to the service as
     *              {@code HEYGEN_MAX_RENDERS_PER_KEY}
     * @param fileBytes the size of every rendered video file
     * @param downloadBytesPerSecond the rate at which the simulator serves each download
     * @param instances how many service instances share the work, one run each
     * @param heap {@code -Xmx} of each instance
     */
    public record Settings(int videos, Duration renderTime, int slots, long fileBytes, long downloadBytesPerSecond, List<Integer> instances,
                           List<String> modes, String heap, Duration patience) {

        public static Settings full() {
            return new Settings(200, Duration.ofSeconds(3), 10, 4 * MIB, 10 * MIB, List.of(1, 3), List.of("polling", "webhook"), "256m",
                    Duration.ofMinutes(10));
        }

        public static Settings smoke() {
            return new Settings(20, Duration.ofSeconds(1), 10, MIB, 10 * MIB, List.of(1, 2), List.of("polling", "webhook"), "256m",
                    Duration.ofMinutes(3));
        }

        /**
         * The full settings, or with {@code --smoke} the smoke settings, changed by {@code --videos N}, {@code --render-ms T},
         * {@code --file-mib M}, {@code --download-mib-per-s R}, {@code --instances 1,3} and {@code --modes polling,webhook}.
         */
        public static Settings fromArguments(List<String> args) {
            Settings s = args.contains("--smoke") ? smoke() : full();
            int videos = option(args, "--videos", "a whole number of videos", s.videos(), Integer::parseInt);
            Duration render = Duration.ofMillis(option(args, "--render-ms", "whole milliseconds", s.renderTime().toMillis(), Long::parseLong));
            long file = option(args, "--file-mib", "whole MiB", s.fileBytes() / MIB, Long::parseLong) * MIB;
            long rate = option(args, "--download-mib-per-s", "whole MiB per second", s.downloadBytesPerSecond() / MIB, Long::parseLong) * MIB;
            List<Integer> instances = option(args, "--instances", "instance counts, comma-separated, such as 1,3", s.instances(),
                    v -> Arrays.stream(v.split(",")).map(Integer::parseInt).toList());
            List<String> modes = option(args, "--modes", "polling, webhook or both, comma-separated", s.modes(), v -> {
                List<String> chosen = List.of(v.split(","));
                if (!List.of("polling", "webhook").containsAll(chosen)) {
                    throw new IllegalArgumentException(v);
                }
                return chosen;
            });
            if (videos < 1 || render.toMillis() < 1 || file < 1 || rate < 1 || instances.stream().anyMatch(k -> k < 1)) {
                throw new IllegalArgumentException("--videos, --render-ms, --file-mib, --download-mib-per-s and --instances must be positive");
            }
            return new Settings(videos, render, s.slots(), file, rate, instances, modes, s.heap(), s.patience());
        }

        private static <T> T option(List<String> args, String name, String takes, T otherwise, Function<String, T> parse) {
            int at = args.indexOf(name);
            if (at < 0) {
                return otherwise;
            }
            try {
                return parse.apply(args.get(at + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + " takes " + takes);
            }
        }

        /** One file's transfer at the simulator's download rate: the least any copy of it can take. */
        public Duration copyTime() {
            return Duration.ofNanos(fileBytes * 1_000_000_000L / downloadBytesPerSecond);
        }

        /**
         * The key's ceiling: every slot busy from the first request on, so the renders finish in ceil(videos / slots) waves
         * of one render time, and then the last file is copied; no service can be quicker.
         */
        public Duration ceiling() {
            return renderTime.multipliedBy((videos + slots - 1) / slots).plus(copyTime());
        }

        /** The service's polling schedule compressed to the render time: first look at a tenth of it, then backing off to it. */
        Duration firstPoll() {
            Duration tenth = renderTime.dividedBy(10);
            return tenth.toMillis() < 50 ? Duration.ofMillis(50) : tenth;
        }

        Duration maxPoll() {
            return renderTime.compareTo(firstPoll()) < 0 ? firstPoll() : renderTime;
        }
    }

    static final String READY = "READY";
    static final String SECONDS = "Time to all READY (s)";
    static final String CEILING = "Ceiling (s)";
    static final String RATIO = "Ratio to ceiling";
    static final String UTILISATION = "Slot utilisation while work waited";
    static final String WAITED = "Work waited (s)";
    static final String HELD = "Idle slot-s: finished, not picked up";
    static final String OTHER_IDLE = "Idle slot-s: other";
    static final String PEAK_BUSY = "Peak busy slots";
    static final String END_TO_READY = "Render end → READY, mean (s)";
    static final String COPY = "Copy, mean (s)";
    static final String COPIES_AT_ONCE = "Copies at once, max";
    static final String REFUSED = "Creations refused (429)";
    static final String LOAD = "Load (1 min) at start";

    private SlotsBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(run(Settings.fromArguments(List.of(args))).markdown());
    }

    static String rowName(int instances, String mode) {
        return instances + (instances == 1 ? " instance, " : " instances, ") + mode;
    }

    public static Table run(Settings settings) {
        Table table = new Table(String.format(Locale.ROOT, "Slots: %d videos, %.1f s renders, %d renders per key, %d MiB files at %d MiB/s",
                settings.videos(), settings.renderTime().toMillis() / 1000.0, settings.slots(), settings.fileBytes() / MIB,
                settings.downloadBytesPerSecond() / MIB), "Run", READY, SECONDS, CEILING, RATIO, UTILISATION, WAITED, HELD, OTHER_IDLE,
                PEAK_BUSY, END_TO_READY, COPY, COPIES_AT_ONCE, REFUSED, LOAD);
        double ceiling = settings.ceiling().toNanos() / 1e9;
        for (int instances : settings.instances()) {
            for (String mode : settings.modes()) {
                String load = String.format(Locale.ROOT, "%.2f", Machine.oneMinuteLoad());
                Outcome o = measure(settings, instances, mode);
                table.row(rowName(instances, mode), o.ready() + "/" + settings.videos(), f(o.seconds(), 1), f(ceiling, 1), f(ceiling / o.seconds(), 2),
                        f(o.slots().utilisation(), 2), f(o.slots().waitedSeconds(), 1), f(o.slots().heldIdleSlotSeconds(), 0),
                        f(o.slots().otherIdleSlotSeconds(), 0), o.slots().peakBusy(), f(o.renderEndToReady(), 2), f(o.copy(), 2),
                        o.copiesAtOnce(), o.refused(), load);
            }
        }
        return notes(table, settings);
    }

    private static Table notes(Table table, Settings settings) {
        return table
                .note(String.format(Locale.ROOT, "Ceiling = ceil(videos / slots) × render time + one file's copy at the download rate = ceil(%d / %d)"
                                + " × %.1f s + %.2f s: every slot busy from the first request on, then the last file copied; no service can beat it."
                                + " Ratio to ceiling: ceiling over time to all READY (1.00 would be at the ceiling). Time to all READY: from the"
                                + " first POST /api/videos to the last READY event.", settings.videos(), settings.slots(),
                        settings.renderTime().toMillis() / 1000.0, settings.copyTime().toNanos() / 1e9))
                .note("Slot utilisation: busy slot-time over usable slot-time, over every instant at which at least one video waited to be"
                        + " submitted (its QUEUED event to its RENDERING event); usable = min(slots, busy + waiting), so the last few videos"
                        + " count only the slots they could fill. Busy slots: the simulator's renders in progress on the key (created,"
                        + " not finished). Work waited: how long at least one video waited.")
                .note("Idle slot-s (usable slot-seconds not busy, while work waited): 'finished, not picked up' counts slots whose render"
                        + " HeyGen had finished while the service still counted it against the key's budget (render end to its INGESTING"
                        + " event, or to its end-of-render webhook being stored when that came first, since such a render no longer counts:"
                        + " in polling mode the wait for the next check, in webhook mode for the webhook); 'other' is the rest (budget free but nothing submitted yet: the submitter's round, its lock, a 429 pause).")
                .note("Render end → READY: the simulator's completion to the READY event. Copy: from the simulator receiving the file's"
                        + " download request to the READY event (download, storage write, database record). Copies at once: the most such"
                        + " copies overlapping, over all instances. Creations refused: POST /v3/videos answered 429 (requests minus renders).")
                .note(String.format(Locale.ROOT, "Each run: a fresh database (embedded PostgreSQL, or TEST_DATABASE_URL) and one DATA_DIR"
                                + " shared by every instance (filesystem storage), each instance the real Main in its own JVM (-Xmx%s), videos"
                                + " requested round-robin over the instances (4 client threads), HEYGEN_MAX_RENDERS_PER_KEY=%d; the simulator"
                                + " answers 429 (Retry-After: 1) above %d renders in progress on the key. Polling: HEYGEN_POLL_INTERVAL_MS=%d,"
                                + " HEYGEN_POLL_MAX_INTERVAL_MS=%d (the defaults' shape, compressed to the render time). Webhook: every"
                                + " instance registers one address, a round-robin balancer in front of all of them.", settings.heap(),
                        settings.slots(), settings.slots(), settings.firstPoll().toMillis(), settings.maxPoll().toMillis()));
    }

    private static String f(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** One measured run. */
    record Outcome(int ready, double seconds, SlotTimeline.Result slots, double renderEndToReady, double copy, int copiesAtOnce, int refused) {
    }

    private static Outcome measure(Settings settings, int instances, String mode) {
        Path dataDir = ServiceEnvironment.tempDir("slots-bench-");
        TestPostgres.Database database = TestPostgres.freshDatabase();
        System.err.printf(Locale.ROOT, "slots: %s, load %s%n", rowName(instances, mode), Machine.loadAverage());
        try (HeyGenSimulator simulator = simulator(settings); RoundRobinBalancer balancer = RoundRobinBalancer.start()) {
            List<ChildJvm.Running> services = new ArrayList<>();
            try {
                List<Api> apis = startInstances(settings, instances, mode, new Shared(database, dataDir, simulator, balancer), services);
                Instant start = Instant.now();
                createAll(apis, settings.videos());
                awaitSettled(database, settings.videos(), settings.patience());
                return outcome(settings, start, database, simulator);
            } finally {
                services.reversed().forEach(ChildJvm.Running::close);
            }
        } finally {
            ServiceEnvironment.deleteRecursively(dataDir);
        }
    }

    private static HeyGenSimulator simulator(Settings settings) {
        // The instances register the balancer's plain-HTTP loopback address; HeyGen itself would want https.
        HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withHttpWebhookUrlsAllowed()
                .withRenderTime(settings.renderTime()).withVideoSize(settings.fileBytes()).withDownloadRate(settings.downloadBytesPerSecond()));
        simulator.useFaults(SimulatorFaults.none().withConcurrencyLimitPerKey(settings.slots()));
        return simulator;
    }

    /** What every instance of one run shares. */
    private record Shared(TestPostgres.Database database, Path dataDir, HeyGenSimulator simulator, RoundRobinBalancer balancer) {
    }

    /**
     * Starts the instances one after the other (the first makes the tenant, its key file and the master key the others
     * read) and answers the API of each with the first tenant's key. In webhook mode, waits until each has its webhook.
     */
    private static List<Api> startInstances(Settings settings, int instances, String mode, Shared shared, List<ChildJvm.Running> services) {
        List<URI> bases = new ArrayList<>();
        String key = null;
        for (int i = 0; i < instances; i++) {
            int port = ServiceEnvironment.freePort();
            URI base = URI.create("http://127.0.0.1:" + port);
            ChildJvm.Running service = ChildJvm.start("service-" + (i + 1), List.of("-Xmx" + settings.heap()), Main.class, List.of(),
                    environment(settings, mode, shared, port));
            services.add(service);
            if (i == 0) {
                // In front at once: HeyGen probes the address while the first instance registers its webhook.
                shared.balancer().add(base);
                key = ServiceEnvironment.awaitKey(shared.dataDir(), base, service);
            } else {
                ServiceEnvironment.awaitLive(base, service);
                shared.balancer().add(base);
            }
            bases.add(base);
        }
        if (mode.equals("webhook")) {
            bases.forEach(SlotsBenchmark::awaitWebhookRegistered);
        }
        String tenantKey = key;
        return bases.stream().map(base -> new Api(base, tenantKey)).toList();
    }

    private static Map<String, String> environment(Settings settings, String mode, Shared shared, int port) {
        Map<String, String> env = ServiceEnvironment.of(shared.database(), shared.dataDir(), port, shared.simulator().baseUrl(),
                shared.simulator().apiKey());
        env.put("HEYGEN_PROCESSING_MODE", mode);
        env.put("HEYGEN_MAX_RENDERS_PER_KEY", Integer.toString(settings.slots()));
        env.put("HEYGEN_POLL_INTERVAL_MS", Long.toString(settings.firstPoll().toMillis()));
        env.put("HEYGEN_POLL_MAX_INTERVAL_MS", Long.toString(settings.maxPoll().toMillis()));
        env.put("SHUTDOWN_TIMEOUT_MS", "5000");
        if (mode.equals("webhook")) {
            env.put("PUBLIC_BASE_URL", shared.balancer().baseUrl().toString());
        }
        return env;
    }

    private static void awaitWebhookRegistered(URI base) {
        Api operator = new Api(base, ServiceEnvironment.ADMIN_KEY);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!operator.processingStatus().at("/webhook/registered").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the instance at " + base + " registered no webhook within a minute");
            }
            Api.sleep(Duration.ofMillis(200));
        }
    }

    /** The platform's requests, spread over the instances in turn as a balancer would. */
    private static void createAll(List<Api> apis, int videos) {
        try (ExecutorService senders = Executors.newFixedThreadPool(4)) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < videos; i++) {
                int index = i;
                created.add(senders.submit(() -> apis.get(index % apis.size()).createVideo(Api.videoRequest("Slots " + index, 200))));
            }
            for (Future<String> future : created) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("requesting the videos failed", e);
        }
    }

    private static void awaitSettled(TestPostgres.Database database, int videos, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (ScaleBenchmark.count(database, "status IN ('READY', 'FAILED')") < videos) {
            if (System.nanoTime() > deadline) {
                System.err.printf(Locale.ROOT, "slots: not every video settled within %s; measuring what did%n", patience);
                return;
            }
            Api.sleep(Duration.ofMillis(200));
        }
    }

    /** What happened to one video, from its status events: the first time it entered each status. */
    static final class VideoTrack {
        String renderId;
        /** When the service stored the render's end-of-render webhook, from which on the budget no longer counts it. */
        Instant announcedEnd;
        final Map<String, Instant> entered = new HashMap<>();

        /** When the render stopped counting against the key's budget: announced ended, or moved past RENDERING. */
        Instant slotFreedAt() {
            Instant movedOn = firstOf("INGESTING", "READY", "FAILED");
            if (announcedEnd == null || movedOn == null) {
                return movedOn == null ? announcedEnd : movedOn;
            }
            return announcedEnd.isBefore(movedOn) ? announcedEnd : movedOn;
        }

        Instant at(String status) {
            return entered.get(status);
        }

        /** The first of these statuses it entered, in this order of preference. */
        Instant firstOf(String... statuses) {
            return Arrays.stream(statuses).map(entered::get).filter(Objects::nonNull).findFirst().orElse(null);
        }
    }

    private static Outcome outcome(Settings settings, Instant start, TestPostgres.Database database, HeyGenSimulator simulator) {
        Collection<VideoTrack> tracks = tracks(database);
        Map<String, HeyGenSimulator.RenderSpan> renders = new HashMap<>();
        simulator.renderSpans(simulator.apiKey()).forEach(span -> renders.put(span.renderId(), span));
        Map<String, Instant> downloads = downloads(simulator);
        List<SlotTimeline.Span> waiting = new ArrayList<>();
        List<SlotTimeline.Span> held = new ArrayList<>();
        List<SlotTimeline.Span> copies = new ArrayList<>();
        List<Double> endToReady = new ArrayList<>();
        List<Double> copy = new ArrayList<>();
        Instant last = start;
        for (VideoTrack track : tracks) {
            Instant settled = track.firstOf("READY", "FAILED");
            last = settled != null && settled.isAfter(last) ? settled : last;
            waiting.add(new SlotTimeline.Span(track.at("QUEUED"), track.firstOf("RENDERING", "FAILED", "READY")));
            HeyGenSimulator.RenderSpan render = track.renderId == null ? null : renders.get(track.renderId);
            Instant ready = track.at("READY");
            if (render != null) {
                held.add(new SlotTimeline.Span(render.finishedAt(), track.slotFreedAt()));
                if (ready != null) {
                    endToReady.add(seconds(render.finishedAt(), ready));
                }
            }
            Instant download = track.renderId == null ? null : downloads.get(track.renderId);
            if (download != null && ready != null) {
                copies.add(new SlotTimeline.Span(download, ready));
                copy.add(seconds(download, ready));
            }
        }
        List<SlotTimeline.Span> busy = renders.values().stream().map(r -> new SlotTimeline.Span(r.startedAt(), r.finishedAt())).toList();
        int refused = (int) simulator.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v3/videos")).count()
                - renders.size();
        int ready = (int) tracks.stream().filter(t -> t.at("READY") != null).count();
        return new Outcome(ready, seconds(start, last), SlotTimeline.of(settings.slots(), busy, waiting, held), mean(endToReady), mean(copy),
                SlotTimeline.peakOverlap(copies), refused);
    }

    private static Collection<VideoTrack> tracks(TestPostgres.Database database) {
        Map<String, VideoTrack> tracks = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT v.id::text, v.render_id, e.status, e.occurred_at, r.received FROM video_events e"
                     + " JOIN avatar_videos v ON v.id = e.video_id"
                     + " LEFT JOIN (SELECT render_id, min(first_received_at) AS received FROM renderer_events GROUP BY render_id) r"
                     + " ON r.render_id = v.render_id ORDER BY e.id")) {
            while (rows.next()) {
                VideoTrack track = tracks.computeIfAbsent(rows.getString(1), id -> new VideoTrack());
                track.renderId = rows.getString(2);
                OffsetDateTime announced = rows.getObject(5, OffsetDateTime.class);
                track.announcedEnd = announced == null ? null : announced.toInstant();
                track.entered.putIfAbsent(rows.getString(3), rows.getObject(4, OffsetDateTime.class).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tracks.values();
    }

    /** When the simulator received each render's first download request of its (uncaptioned) video file. */
    private static Map<String, Instant> downloads(HeyGenSimulator simulator) {
        Map<String, Instant> first = new HashMap<>();
        simulator.requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().startsWith("/sim-files/") && r.path().endsWith(".mp4")
                        && !r.path().endsWith("-captioned.mp4"))
                .forEach(r -> first.putIfAbsent(r.path().substring("/sim-files/".length(), r.path().length() - ".mp4".length()), r.at()));
        return first;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
