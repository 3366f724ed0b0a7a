package dev.avatarvideo.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Follows tracked videos until each is READY or FAILED, telling its listeners about every new status exactly once.
 *
 * <p>In {@link TrackingMode#SSE} and {@link TrackingMode#AUTO} all tracked videos share one server-sent events stream
 * ({@code GET /api/events}, up to 100 videos; any beyond are polled). When the set of videos grows, the stream is
 * reopened with {@code Last-Event-ID}, so nothing between the two connections is lost; videos new to the stream are
 * read once after it opens. When the stream breaks, SSE mode reconnects with growing pauses, resuming where it left
 * off; AUTO mode additionally polls every tracked video at once and then at the poll interval until the stream is
 * back. Whatever arrives twice that way (a status polled and then replayed by the resumed stream) is reported once:
 * statuses only move forward, and each listener remembers the furthest one it was told.
 *
 * <p>Threads: one reads the stream, one polls, one watches the stream for silence; listeners are called from them.
 */
public final class StatusTracker implements AutoCloseable {

    /** How the tracker is hearing about changes right now. */
    public enum Transport {
        /** Nothing to follow yet, or closed. */
        IDLE,
        /** Opening the stream (or, in SSE mode, waiting to reopen it). */
        CONNECTING,
        STREAMING,
        POLLING
    }

    /** The most videos the service multiplexes on one stream. */
    static final int MAX_STREAMED = 100;
    private static final Logger LOG = System.getLogger(StatusTracker.class.getName());

    private final AvatarVideoClient client;
    private final TrackerSettings settings;
    private final HttpClient streamHttp;
    private final Map<String, List<Registration>> byVideo = new ConcurrentHashMap<>();
    private final AtomicLong registrations = new AtomicLong();
    private final Object signal = new Object();
    private final List<Thread> workers = new ArrayList<>();

    private volatile boolean closed;
    private volatile Transport transport = Transport.IDLE;
    private volatile boolean streamHealthy;
    private volatile Set<String> streamSet = Set.of();
    private volatile Set<String> overflow = Set.of();
    private volatile boolean restartRequested;
    private volatile InputStream openStream;
    private volatile long lastByteNanos;
    /** Written only by the stream reader. */
    private long lastEventId;
    /** Guarded by {@link #signal}. */
    private boolean pollNow;

    StatusTracker(AvatarVideoClient client, TrackerSettings settings) {
        this.client = client;
        this.settings = settings;
        this.streamHttp = AvatarVideoClient.newHttpClient(client.connectTimeout());
        if (settings.mode() != TrackingMode.POLL) {
            workers.add(Thread.ofVirtual().name("status-stream").start(this::streamLoop));
            workers.add(Thread.ofVirtual().name("status-stream-watchdog").start(this::watchForSilence));
        }
        workers.add(Thread.ofVirtual().name("status-poll").start(this::pollLoop));
    }

    /**
     * Starts following a video. The listener first hears where the video stands, then every later status, and ends
     * with READY or FAILED (also when the video had finished before).
     */
    public Tracking track(String videoId, StatusListener listener) {
        if (closed) {
            throw new IllegalStateException("this tracker is closed");
        }
        Registration registration = new Registration(videoId, listener, registrations.incrementAndGet());
        byVideo.compute(videoId, (id, list) -> {
            List<Registration> all = list == null ? new CopyOnWriteArrayList<>() : list;
            all.add(registration);
            return all;
        });
        if (settings.mode() == TrackingMode.POLL || (settings.mode() == TrackingMode.AUTO && !streamHealthy)) {
            pollSoon();
        } else if (streamHealthy && streamSet.contains(videoId)) {
            // Already on the open stream: every later change comes from there, everything before is in a fresh read.
            Thread.ofVirtual().start(() -> seed(videoId));
        } else {
            restartStream();
        }
        synchronized (signal) {
            signal.notifyAll();
        }
        return registration;
    }

    /** How the tracker is hearing about changes now. */
    public Transport transport() {
        return transport;
    }

    /** How many listeners are still waiting for their video to finish. */
    public int activeCount() {
        return byVideo.values().stream().mapToInt(List::size).sum();
    }

    // ---- the stream ----------------------------------------------------------------------------------------------

    private void streamLoop() {
        int failures = 0;
        Set<String> streamedBefore = Set.of();
        while (!closed) {
            // Cleared before choosing, so a video tracked from now on either is chosen or asks for another restart.
            restartRequested = false;
            List<String> wanted = chooseStreamed();
            if (wanted.isEmpty()) {
                streamHealthy = false;
                streamSet = Set.of();
                transport = Transport.IDLE;
                awaitWork();
                continue;
            }
            boolean resuming = lastEventId > 0;
            if (!streamHealthy && transport != Transport.POLLING) {
                transport = Transport.CONNECTING;
            }
            try (InputStream body = open(wanted)) {
                streamOpened(body, wanted, resuming);
                failures = 0;
                if (resuming) {
                    seedMissed(wanted, streamedBefore);
                }
                streamedBefore = streamSet;
                read(body);
                if (!restartRequested && !closed) {
                    throw new IOException("the service ended the stream");
                }
            } catch (UnknownVideoException e) {
                failUnknown(wanted);
                // Should the refusal persist without a video to blame, do not ask again at once.
                if (!pause(backoff(++failures))) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (restartRequested) {
                    continue;
                }
                failures++;
                streamBroke(e, failures);
                if (!pause(backoff(failures))) {
                    return;
                }
            } finally {
                openStream = null;
            }
        }
        transport = Transport.IDLE;
    }

    /** The stream is open: it now carries {@code wanted}; the videos beyond its capacity are polled. */
    private void streamOpened(InputStream body, List<String> wanted, boolean resuming) {
        openStream = body;
        lastByteNanos = System.nanoTime();
        streamSet = Set.copyOf(wanted);
        overflow = activeIds().stream().filter(id -> !streamSet.contains(id)).collect(Collectors.toUnmodifiableSet());
        if (!streamHealthy) {
            LOG.log(Level.INFO, "status stream open for {0} video(s){1}", wanted.size(), resuming ? ", resuming after event " + lastEventId : "");
        }
        streamHealthy = true;
        transport = Transport.STREAMING;
    }

    /** Events up to lastEventId were on a stream these videos were not on (or not yet): a fresh read covers them. */
    private void seedMissed(List<String> wanted, Set<String> streamedBefore) {
        Set<String> newcomers = new HashSet<>(wanted);
        newcomers.removeAll(streamedBefore);
        wanted.stream().filter(id -> newcomers.contains(id) || hasUnseeded(id)).forEach(this::seed);
    }

    private InputStream open(List<String> videoIds) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.baseUrl() + "/api/events?videoIds="
                        + AvatarVideoClient.encode(String.join(",", videoIds))))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/event-stream");
        client.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        if (lastEventId > 0) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<InputStream> response;
        try {
            response = streamHttp.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the status stream", e);
        }
        if (response.statusCode() != 200) {
            byte[] problem;
            try (InputStream body = response.body()) {
                problem = body.readNBytes(64 * 1024);
            }
            ApiException refused = client.problem(response.statusCode(), problem);
            if (refused.status() == 404) {
                throw new UnknownVideoException(refused);
            }
            throw refused;
        }
        return response.body();
    }

    /** Reads server-sent events until the stream ends or is closed from outside. */
    private void read(InputStream body) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        String id = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lastByteNanos = System.nanoTime();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    dispatch(id, data.toString());
                }
                data.setLength(0);
                id = null;
                if (restartRequested || closed) {
                    return;
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).startsWith(" ") ? line.substring(colon + 2) : line.substring(colon + 1);
            switch (field) {
                case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                case "id" -> id = value;
                default -> {
                    // event, retry: this client keeps its own reconnect policy
                }
            }
        }
    }

    private void dispatch(String id, String data) {
        try {
            JsonNode event = client.json().readTree(data);
            long eventId = id == null ? event.path("eventId").asLong() : Long.parseLong(id.strip());
            StatusUpdate update = new StatusUpdate(
                    event.get("videoId").asText(),
                    VideoStatus.valueOf(event.get("status").asText()),
                    eventId,
                    event.hasNonNull("occurredAt") ? Instant.parse(event.get("occurredAt").asText()) : null,
                    event.hasNonNull("error") ? client.json().treeToValue(event.get("error"), VideoError.class) : null,
                    event.hasNonNull("file") ? client.json().treeToValue(event.get("file"), VideoFile.class) : null,
                    StatusUpdate.Source.STREAM);
            if (eventId > lastEventId) {
                lastEventId = eventId;
            }
            offer(update);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "skipped a status event that could not be read: {0}", e.getMessage());
        }
    }

    private void streamBroke(Exception cause, int failures) {
        boolean wasHealthy = streamHealthy;
        streamHealthy = false;
        streamSet = Set.of();
        if (settings.mode() == TrackingMode.AUTO) {
            transport = Transport.POLLING;
            pollSoon();
        } else {
            transport = Transport.CONNECTING;
        }
        LOG.log(wasHealthy ? Level.WARNING : Level.DEBUG, "status stream broke ({0}); {1}, reconnecting in {2} ms", cause.getMessage(),
                settings.mode() == TrackingMode.AUTO ? "polling meanwhile" : "not polling (SSE mode)", backoff(failures).toMillis());
    }

    /** Videos the service does not have (or not for us) refuse the whole stream: find them and end their tracking. */
    private void failUnknown(List<String> videoIds) {
        for (String id : videoIds) {
            try {
                client.getVideo(id);
            } catch (ApiException e) {
                if (e.status() == 404) {
                    fail(id, e);
                }
            } catch (TransportException e) {
                LOG.log(Level.DEBUG, "could not check video {0}: {1}", id, e.getMessage());
            }
        }
    }

    private void restartStream() {
        InputStream open = openStream;
        restartRequested = true;
        if (open != null) {
            closeQuietly(open);
        }
    }

    /** A stream that says nothing, not even a keep-alive, is dead even if no one told the socket. */
    private void watchForSilence() {
        while (!closed) {
            InputStream open = openStream;
            if (open != null && System.nanoTime() - lastByteNanos > settings.streamIdleTimeout().toNanos()) {
                LOG.log(Level.WARNING, "status stream silent for {0} ms; closing it", settings.streamIdleTimeout().toMillis());
                closeQuietly(open);
            }
            if (!pause(Duration.ofMillis(Math.min(1000, settings.streamIdleTimeout().toMillis() / 4 + 1)))) {
                return;
            }
        }
    }

    /** Up to 100 tracked videos, those already on the stream first, then the longest tracked. */
    private List<String> chooseStreamed() {
        Set<String> current = streamSet;
        return byVideo.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .sorted(Comparator.<Map.Entry<String, List<Registration>>>comparingInt(e -> current.contains(e.getKey()) ? 0 : 1)
                        .thenComparingLong(e -> e.getValue().stream().mapToLong(r -> r.sequence).min().orElse(Long.MAX_VALUE)))
                .limit(MAX_STREAMED)
                .map(Map.Entry::getKey)
                .toList();
    }

    // ---- polling -------------------------------------------------------------------------------------------------

    private void pollLoop() {
        while (!closed) {
            Set<String> targets = pollTargets();
            if (settings.mode() == TrackingMode.POLL) {
                transport = targets.isEmpty() ? Transport.IDLE : Transport.POLLING;
            }
            for (String id : targets) {
                if (closed) {
                    return;
                }
                seed(id);
            }
            if (!awaitPollTime()) {
                return;
            }
        }
    }

    private Set<String> pollTargets() {
        boolean pollAll = settings.mode() == TrackingMode.POLL || (settings.mode() == TrackingMode.AUTO && !streamHealthy);
        Set<String> active = activeIds();
        if (pollAll) {
            return active;
        }
        Set<String> beyondTheStream = new LinkedHashSet<>(overflow);
        beyondTheStream.retainAll(active);
        return beyondTheStream;
    }

    /** Reads one video and tells its listeners. */
    private void seed(String videoId) {
        try {
            offer(StatusUpdate.polled(client.getVideo(videoId)));
        } catch (ApiException e) {
            if (e.status() == 404) {
                fail(videoId, e);
            } else {
                LOG.log(Level.DEBUG, "reading video {0} failed: {1}", videoId, e.getMessage());
            }
        } catch (TransportException e) {
            LOG.log(Level.DEBUG, "reading video {0} failed: {1}", videoId, e.getMessage());
        }
    }

    private void pollSoon() {
        synchronized (signal) {
            pollNow = true;
            signal.notifyAll();
        }
    }

    /** Waits for the next poll: the interval, or less when something asks for a poll now. False once closed. */
    private boolean awaitPollTime() {
        long deadline = System.nanoTime() + settings.pollInterval().toNanos();
        synchronized (signal) {
            try {
                while (!pollNow && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    signal.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pollNow = false;
        }
        return !closed;
    }

    // ---- listeners -----------------------------------------------------------------------------------------------

    private void offer(StatusUpdate update) {
        List<Registration> listening = byVideo.get(update.videoId());
        if (listening != null) {
            listening.forEach(registration -> registration.offer(update));
        }
    }

    private void fail(String videoId, ApiException cause) {
        List<Registration> listening = byVideo.get(videoId);
        if (listening != null) {
            listening.forEach(registration -> registration.fail(cause));
        }
    }

    private boolean hasUnseeded(String videoId) {
        List<Registration> listening = byVideo.get(videoId);
        return listening != null && listening.stream().anyMatch(r -> !r.seeded);
    }

    private Set<String> activeIds() {
        return byVideo.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private void remove(Registration registration) {
        byVideo.computeIfPresent(registration.videoId, (id, list) -> {
            list.remove(registration);
            return list.isEmpty() ? null : list;
        });
    }

    private final class Registration implements Tracking {

        private final String videoId;
        private final StatusListener listener;
        private final long sequence;
        private final CompletableFuture<StatusUpdate> terminal = new CompletableFuture<>();
        private volatile boolean seeded;
        private int progress = -1;
        private boolean done;

        Registration(String videoId, StatusListener listener, long sequence) {
            this.videoId = videoId;
            this.listener = listener;
            this.sequence = sequence;
        }

        synchronized void offer(StatusUpdate update) {
            seeded = true;
            if (done || update.status().progress() <= progress) {
                return;
            }
            progress = update.status().progress();
            done = update.isTerminal();
            try {
                listener.onUpdate(update);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a status listener for video " + videoId + " failed", e);
            }
            if (done) {
                remove(this);
                terminal.complete(update);
            }
        }

        synchronized void fail(ApiException cause) {
            if (!done) {
                done = true;
                remove(this);
                terminal.completeExceptionally(cause);
            }
        }

        @Override
        public String videoId() {
            return videoId;
        }

        @Override
        public CompletableFuture<StatusUpdate> terminal() {
            return terminal;
        }

        @Override
        public void cancel() {
            synchronized (this) {
                done = true;
            }
            remove(this);
            terminal.cancel(false);
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    private Duration backoff(int failures) {
        Duration delay = settings.firstReconnectDelay().multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(settings.maxReconnectDelay()) > 0 ? settings.maxReconnectDelay() : delay;
    }

    private void awaitWork() {
        synchronized (signal) {
            try {
                while (!closed && activeIds().isEmpty()) {
                    signal.wait(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // closing to stop reading; nothing else to do
        }
    }

    /** Stops following everything; pending {@link Tracking#terminal()} futures are cancelled. */
    @Override
    public void close() {
        closed = true;
        InputStream open = openStream;
        if (open != null) {
            closeQuietly(open);
        }
        synchronized (signal) {
            signal.notifyAll();
        }
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        byVideo.values().forEach(list -> list.forEach(Registration::cancel));
        transport = Transport.IDLE;
    }

    /** The stream was refused because one of its videos is unknown. */
    private static final class UnknownVideoException extends RuntimeException {

        UnknownVideoException(ApiException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
