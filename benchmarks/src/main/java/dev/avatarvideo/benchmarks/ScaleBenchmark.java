package dev.avatarvideo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.bootstrap.Main;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Scale: one service instance, in a JVM of its own capped at {@code -Xmx256m} (the real {@code Main}), holding many
 * videos in flight at once (heap, threads, time to drain), then serving many live status subscribers (event delivery
 * latency).
 */
public final class ScaleBenchmark {

    /**
     * @param compression how much faster than real time renders run (and the polling schedule with them)
     * @param sseVideos videos the subscribers follow; each has {@code subscribers / sseVideos} streams of its own
     */
    public record Settings(int videos, int compression, Duration shortestRender, Duration longestRender, String heap, int subscribers,
                           int sseVideos, Duration patience) {

        public static Settings full() {
            return new Settings(10_000, 10, Duration.ofMinutes(10), Duration.ofMinutes(15), "256m", 1_000, 100, Duration.ofMinutes(10));
        }

        public static Settings smoke() {
            return new Settings(100, 60, Duration.ofMinutes(2), Duration.ofMinutes(3), "256m", 40, 10, Duration.ofMinutes(3));
        }
    }

    static final String IN_FLIGHT = "videos in flight at once";
    static final String SSE = "live status subscribers";
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private ScaleBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(run(args.length > 0 && args[0].equals("--smoke") ? Settings.smoke() : Settings.full()).markdown());
    }

    public static Table run(Settings settings) {
        Path dataDir = ServiceEnvironment.tempDir("scale-bench-");
        TestPostgres.Database database = TestPostgres.freshDatabase();
        int port = ServiceEnvironment.freePort();
        Path gcLog = dataDir.resolve("gc.log");
        Duration realPerCharacter = TrackingBenchmark.REAL_RENDER_PER_CHARACTER;
        try (HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults())) {
            simulator.renderTimePerScriptCharacter(realPerCharacter.dividedBy(settings.compression()));
            Map<String, String> env = ServiceEnvironment.of(database, dataDir, port, simulator.baseUrl(), simulator.apiKey());
            env.put("HEYGEN_POLL_INTERVAL_MS", Integer.toString(30_000 / settings.compression()));
            env.put("HEYGEN_POLL_MAX_INTERVAL_MS", Integer.toString(300_000 / settings.compression()));
            env.put("HEYGEN_MAX_RENDERS_PER_KEY", "10000");
            System.err.printf(Locale.ROOT, "scale: starting the service with -Xmx%s, load %s%n", settings.heap(), Machine.loadAverage());
            try (ChildJvm.Running service = ChildJvm.start("service", List.of("-Xmx" + settings.heap(), "-XX:+UseG1GC",
                    "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog), Main.class, List.of(), env)) {
                URI base = URI.create("http://127.0.0.1:" + port);
                String key = ServiceEnvironment.awaitKey(dataDir, base, service);
                Api api = new Api(base, key);
                Sampler sampler = new Sampler(service.pid(), api, database);
                Thread sampling = Thread.ofPlatform().daemon().name("scale-sampler").start(sampler);

                int[] scripts = scripts(settings, realPerCharacter);
                long start = System.nanoTime();
                createAll(api, scripts);
                double postSeconds = (System.nanoTime() - start) / 1e9;
                long drainedAt = awaitDrained(database, settings.videos(), settings.patience());
                double drainSeconds = (drainedAt - start) / 1e9;
                sampling.interrupt();
                long ready = count(database, "status = 'READY'");

                Table table = new Table("Scale: one instance (-Xmx" + settings.heap() + ", the real Main in its own JVM)",
                        "Run", "Outcome", "Peak heap (GC log)", "Peak heap (sampled)", "Peak RSS", "Peak threads", "Time", "Delivery p50 ms",
                        "Delivery p99 ms");
                table.row(IN_FLIGHT + ": " + settings.videos(), ready + "/" + settings.videos() + " READY, " + sampler.peakInFlight.get()
                                + " in flight at the peak", ProcessMemory.mib(peakHeapFromGcLog(gcLog)), ProcessMemory.mib(sampler.peakHeap.get()),
                        ProcessMemory.mib(ProcessMemory.peakRssBytes(service.pid()).orElse(0)), sampler.peakThreads.get(),
                        String.format(Locale.ROOT, "posted in %.1f s, drained in %.1f s", postSeconds, drainSeconds), "-", "-");

                simulator.renderTimePerScriptCharacter(Duration.ofMillis(5));
                SseResult sse = subscribers(settings, api, base, key);
                table.row(SSE + ": " + settings.subscribers(), sse.received() + " INGESTING and READY events received after subscribing (" + sse.expected()
                                + " expected)", ProcessMemory.mib(peakHeapFromGcLog(gcLog)), "-",
                        ProcessMemory.mib(ProcessMemory.peakRssBytes(service.pid()).orElse(0)), ProcessMemory.threads(service.pid()).orElse(0),
                        String.format(Locale.ROOT, "%d streams open", settings.subscribers()),
                        String.format(Locale.ROOT, "%.1f", sse.latency().getValueAtPercentile(50) / 1e3),
                        String.format(Locale.ROOT, "%.1f", sse.latency().getValueAtPercentile(99) / 1e3));
                return table
                        .note(String.format(Locale.ROOT, "Renders spread log-uniformly from %d to %d min (script length), run %dx faster in the"
                                + " simulator, polling compressed alike; HEYGEN_MAX_RENDERS_PER_KEY=10000, so every video is sent at once."
                                + " Drained: from the first request until every video is READY (including the copy of each file into storage).",
                                settings.shortestRender().toMinutes(), settings.longestRender().toMinutes(), settings.compression()))
                        .note("Peak heap (GC log): the largest heap occupancy before any collection, from -Xlog:gc; sampled: the largest"
                                + " jvm_memory_used_bytes{area=heap} sum seen in /metrics every 500 ms. Threads: jvm_threads_live_threads"
                                + " (virtual threads are not threads here). RSS: VmHWM.")
                        .note("Delivery: from a change's occurredAt (set by the service when it saves the change) to the moment a subscriber's"
                                + " socket read the event; subscribers are " + settings.subscribers() + " raw keep-alive connections, "
                                + settings.subscribers() / settings.sseVideos() + " per video, over " + settings.sseVideos() + " videos."
                                + " Counted and timed: each stream's INGESTING and READY events (the video's current state, sent first, is not).");
            }
        } finally {
            ServiceEnvironment.deleteRecursively(dataDir);
        }
    }

    private static int[] scripts(Settings settings, Duration realPerCharacter) {
        Random random = new Random(7);
        double low = Math.log((double) settings.shortestRender().toMillis() / realPerCharacter.toMillis());
        double high = Math.log((double) settings.longestRender().toMillis() / realPerCharacter.toMillis());
        int[] lengths = new int[settings.videos()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = (int) Math.round(Math.exp(low + random.nextDouble() * (high - low)));
        }
        return lengths;
    }

    private static void createAll(Api api, int[] scripts) {
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < scripts.length; i++) {
                int index = i;
                created.add(senders.submit(() -> api.createVideo(Api.videoRequest("Scale " + index, scripts[index]))));
            }
            for (Future<String> future : created) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("requesting the videos failed", e);
        }
    }

    private static long awaitDrained(TestPostgres.Database database, int videos, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(database, "status IN ('READY', 'FAILED')") >= videos) {
                return System.nanoTime();
            }
            Api.sleep(Duration.ofMillis(200));
        }
        return System.nanoTime();
    }

    static long count(TestPostgres.Database database, String where) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM avatar_videos WHERE " + where)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The largest heap occupancy any collection started from, in bytes, from a {@code -Xlog:gc} file. */
    static long peakHeapFromGcLog(Path gcLog) {
        try {
            long peak = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Math.max(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                }
            }
            return peak * 1024 * 1024;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Samples the service every half second: heap and threads from its metrics, videos in flight from the database. */
    private static final class Sampler implements Runnable {
        final AtomicLong peakHeap = new AtomicLong();
        final AtomicLong peakThreads = new AtomicLong();
        final AtomicLong peakInFlight = new AtomicLong();
        private final long pid;
        private final Api api;
        private final TestPostgres.Database database;

        Sampler(long pid, Api api, TestPostgres.Database database) {
            this.pid = pid;
            this.api = api;
            this.database = database;
        }

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    String metrics = api.metrics();
                    long heap = (long) metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                    peakHeap.accumulateAndGet(heap, Math::max);
                    peakThreads.accumulateAndGet((long) Api.sample(metrics, "jvm_threads_live_threads"), Math::max);
                    peakInFlight.accumulateAndGet(count(database, "status IN ('QUEUED', 'RENDERING', 'INGESTING')"), Math::max);
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // A sample missed under load; the next one counts.
                }
            }
        }
    }

    record SseResult(long received, long expected, Histogram latency) {
    }

    /**
     * Opens the subscribers' streams on new videos, then lets the videos move on: each change a subscriber reads after its
     * stream opened is timed from the change's occurredAt.
     */
    private static SseResult subscribers(Settings settings, Api api, URI base, String key) {
        List<String> videos = new ArrayList<>();
        for (int i = 0; i < settings.sseVideos(); i++) {
            // 5 ms per character: about 10 s of rendering, long enough for every stream to open first.
            videos.add(api.createVideo(Api.videoRequest("Live " + i, 2_000)));
        }
        int perVideo = settings.subscribers() / settings.sseVideos();
        Histogram latency = new Histogram(Duration.ofMinutes(1).toNanos() / 1000, 3);
        AtomicLong received = new AtomicLong();
        CountDownLatch opened = new CountDownLatch(perVideo * videos.size());
        CountDownLatch finished = new CountDownLatch(perVideo * videos.size());
        List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String video : videos) {
                for (int s = 0; s < perVideo; s++) {
                    streams.submit(() -> {
                        follow(base, key, video, sockets, opened, latency, received);
                        finished.countDown();
                        return null;
                    });
                }
            }
            if (!opened.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + (perVideo * videos.size() - opened.getCount()) + " streams opened");
            }
            for (String video : videos) {
                api.awaitFinished(video, settings.patience(), Duration.ofMillis(500));
            }
            // Let the READY events reach every stream, then close them.
            Api.sleep(Duration.ofSeconds(2));
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // Closing anyway.
                    }
                }
            }
            finished.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new SseResult(received.get(), 2L * perVideo * videos.size(), latency);
    }

    private static void follow(URI base, String key, String video, List<Socket> sockets, CountDownLatch opened, Histogram latency,
                               AtomicLong received) {
        try (Socket socket = new Socket()) {
            sockets.add(socket);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/videos/" + video + "/events HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + key + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            boolean counted = false;
            Instant openedAt = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    Instant wall = Instant.now();
                    JsonNode event = Api.JSON.readTree(line.substring(6));
                    if (!counted) {
                        // The first event is the video's current state: the stream is open from here on.
                        counted = true;
                        openedAt = wall;
                        opened.countDown();
                        continue;
                    }
                    Instant occurred = Instant.parse(event.get("occurredAt").asText());
                    String status = event.get("status").asText();
                    // Every stream opened before its video was INGESTING and READY; RENDERING may have come before or after.
                    if (occurred.isAfter(openedAt) && (status.equals("INGESTING") || status.equals("READY"))) {
                        long micros = Math.max(0, Duration.between(occurred, wall).toNanos() / 1000);
                        synchronized (latency) {
                            latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                        }
                        received.incrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            // Closed at the end of the run.
        } finally {
            if (opened.getCount() > 0) {
                opened.countDown();
            }
        }
    }
}
