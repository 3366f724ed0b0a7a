package dev.avatarvideo.heygen.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HeyGen's webhooks, simulated: endpoints registered per API key (probed with {@code OPTIONS} first), one event per
 * finished render, delivered as a {@code POST} signed with the endpoint's secret in a {@code Signature} header (lowercase
 * hex HMAC-SHA256 of the raw body), and to a render's own {@code callback_url} unsigned. The delivery faults (lost,
 * duplicated, late) are drawn once per event.
 */
final class SimulatedWebhooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenSimulator.class);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DUPLICATE_GAP = Duration.ofMillis(150);
    private static final Duration SCAN_INTERVAL = Duration.ofMillis(50);

    static final List<String> EVENT_TYPES = List.of(
            "avatar_video.success", "avatar_video.fail", "avatar_video_gif.success", "avatar_video_gif.fail",
            "video_translate.success", "video_translate.fail", "personalized_video", "instant_avatar.success",
            "instant_avatar.fail", "photo_avatar_generation.success", "photo_avatar_generation.fail",
            "photo_avatar_train.success", "photo_avatar_train.fail", "photo_avatar_add_motion.success",
            "photo_avatar_add_motion.fail", "proofread_creation.success", "proofread_creation.fail", "live_avatar.success",
            "live_avatar.fail", "avatar_video_caption.success", "avatar_video_caption.fail", "video_agent.success",
            "video_agent.fail");

    /** A registered endpoint; {@code events} empty means every event. */
    record Endpoint(String endpointId, String apiKey, URI url, List<String> events, String status, Instant createdAt, String secret) {

        boolean wants(String eventType) {
            return status.equals("enabled") && (events.isEmpty() || events.contains(eventType));
        }
    }

    record Event(String eventId, String apiKey, String eventType, Map<String, Object> eventData, Instant createdAt) {
    }

    private final Clock clock;
    private final FaultInjector faults;
    private final SimulatorCounters counters;
    private final Supplier<Collection<SimulatedRender>> renders;
    private final Function<SimulatedRender, Map<String, Object>> successData;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Set<String> announcedRenders = ConcurrentHashMap.newKeySet();
    private final SecureRandom secrets = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("heygen-simulator-webhooks").daemon().factory());
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();

    SimulatedWebhooks(Clock clock, FaultInjector faults, SimulatorCounters counters, Supplier<Collection<SimulatedRender>> renders,
                      Function<SimulatedRender, Map<String, Object>> successData) {
        this.clock = clock;
        this.faults = faults;
        this.counters = counters;
        this.renders = renders;
        this.successData = successData;
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::announceFinishedRenders, SCAN_INTERVAL.toMillis(), SCAN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    Endpoint register(String apiKey, URI url, List<String> subscribed) {
        probe(url);
        Endpoint endpoint = new Endpoint("ep_" + randomHex(12), apiKey, url, subscribed, "enabled", clock.instant(), newSecret());
        endpoints.put(endpoint.endpointId(), endpoint);
        LOG.info(HeyGenSimulator.LOG_PREFIX + "webhook endpoint {} registered for {}", endpoint.endpointId(), url);
        return endpoint;
    }

    List<Endpoint> endpointsOf(String apiKey) {
        return endpoints.values().stream().filter(e -> e.apiKey().equals(apiKey))
                .sorted(Comparator.comparing(Endpoint::createdAt).thenComparing(Endpoint::endpointId)).toList();
    }

    Endpoint update(String apiKey, String endpointId, URI newUrl, List<String> newEvents) {
        Endpoint current = owned(apiKey, endpointId);
        if (newUrl != null && !newUrl.equals(current.url())) {
            probe(newUrl);
        }
        Endpoint updated = new Endpoint(current.endpointId(), apiKey, newUrl == null ? current.url() : newUrl,
                newEvents == null ? current.events() : newEvents, current.status(), current.createdAt(), current.secret());
        endpoints.put(endpointId, updated);
        return updated;
    }

    /** A new secret; the old one stops signing at once. */
    String rotateSecret(String apiKey, String endpointId) {
        Endpoint current = owned(apiKey, endpointId);
        String secret = newSecret();
        endpoints.put(endpointId, new Endpoint(current.endpointId(), apiKey, current.url(), current.events(), current.status(),
                current.createdAt(), secret));
        LOG.info(HeyGenSimulator.LOG_PREFIX + "webhook endpoint {} has a new signing secret", endpointId);
        return secret;
    }

    void delete(String apiKey, String endpointId) {
        owned(apiKey, endpointId);
        endpoints.remove(endpointId);
        LOG.info(HeyGenSimulator.LOG_PREFIX + "webhook endpoint {} deleted", endpointId);
    }

    /** Past events of one API key, newest first. */
    List<Event> eventsOf(String apiKey, String eventType) {
        List<Event> own = new ArrayList<>(events.stream()
                .filter(e -> e.apiKey().equals(apiKey) && (eventType == null || e.eventType().equals(eventType))).toList());
        Collections.reverse(own);
        return own;
    }

    private Endpoint owned(String apiKey, String endpointId) {
        Endpoint endpoint = endpoints.get(endpointId);
        if (endpoint == null || !endpoint.apiKey().equals(apiKey)) {
            throw HeyGenError.notFound("Webhook endpoint '" + endpointId + "' not found");
        }
        return endpoint;
    }

    /** HeyGen checks a new endpoint with an OPTIONS request and a 1-second timeout before accepting it. */
    private void probe(URI url) {
        HttpRequest options = HttpRequest.newBuilder(url).timeout(PROBE_TIMEOUT)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
        String problem;
        try {
            int status = http.send(options, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return;
            }
            problem = "answered HTTP " + status;
        } catch (IOException e) {
            problem = "could not be reached (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "probe interrupted";
        }
        throw HeyGenError.invalidParameter("url", "The webhook URL did not pass the OPTIONS probe within " + PROBE_TIMEOUT.toMillis()
                + " ms: it " + problem);
    }

    private void announceFinishedRenders() {
        try {
            Instant now = clock.instant();
            for (SimulatedRender render : renders.get()) {
                if (render.finishedAt(now) && announcedRenders.add(render.videoId())) {
                    announce(render);
                }
            }
        } catch (RuntimeException e) {
            LOG.error(HeyGenSimulator.LOG_PREFIX + "announcing finished renders failed", e);
        }
    }

    private void announce(SimulatedRender render) {
        Map<String, Object> data;
        String eventType;
        if (render.failure() == null) {
            eventType = "avatar_video.success";
            data = successData.apply(render);
        } else {
            eventType = "avatar_video.fail";
            data = new LinkedHashMap<>();
            data.put("video_id", render.videoId());
            data.put("msg", render.failure().message());
            data.put("callback_id", render.callbackId());
        }
        Event event = new Event("evt_" + randomHex(12), render.apiKey(), eventType, data, clock.instant());
        events.add(event);
        byte[] body = deliveryBody(event);
        List<Target> targets = new ArrayList<>();
        endpointsOf(render.apiKey()).stream().filter(e -> e.wants(eventType)).forEach(e -> targets.add(new Target(e.url(), e.endpointId())));
        if (render.callbackUrl() != null) {
            targets.add(new Target(render.callbackUrl(), null));
        }
        if (targets.isEmpty()) {
            return;
        }
        FaultInjector.WebhookFate fate = faults.webhookFate();
        switch (fate) {
            case LOST -> LOG.info(HeyGenSimulator.LOG_PREFIX + "{} for {} lost on purpose (fault)", eventType, render.videoId());
            case ON_TIME -> targets.forEach(t -> deliverSoon(t, body, eventType, Duration.ZERO));
            case DUPLICATED -> targets.forEach(t -> {
                deliverSoon(t, body, eventType, Duration.ZERO);
                deliverSoon(t, body, eventType, DUPLICATE_GAP);
            });
            case LATE -> targets.forEach(t -> deliverSoon(t, body, eventType, faults.profile().webhookLateBy()));
        }
    }

    private record Target(URI url, String endpointId) {
    }

    private void deliverSoon(Target target, byte[] body, String eventType, Duration delay) {
        Runnable delivery = () -> deliveries.submit(() -> deliver(target, body, eventType));
        if (delay.isZero()) {
            delivery.run();
        } else {
            scheduler.schedule(delivery, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Signs with the endpoint's secret as it is now: a rotation between event and delivery signs with the new one. */
    private void deliver(Target target, byte[] body, String eventType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url()).timeout(DELIVERY_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "HeyGen-Simulator-Webhooks")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target.endpointId() != null) {
            Optional<Endpoint> endpoint = Optional.ofNullable(endpoints.get(target.endpointId()));
            if (endpoint.isEmpty()) {
                return;
            }
            request.header("Signature", Hmac.sha256Hex(endpoint.get().secret().getBytes(StandardCharsets.UTF_8), body));
        }
        counters.webhookDeliveries.incrementAndGet();
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            LOG.info(HeyGenSimulator.LOG_PREFIX + "delivered {} to {} -> HTTP {}", eventType, target.url(), status);
        } catch (IOException e) {
            LOG.info(HeyGenSimulator.LOG_PREFIX + "delivering {} to {} failed: {}", eventType, target.url(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] deliveryBody(Event event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_type", event.eventType());
        body.put("event_data", event.eventData());
        try {
            return JsonInput.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a webhook body", e);
        }
    }

    private String newSecret() {
        return "whsec_" + randomHex(24);
    }

    private String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        secrets.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        deliveries.shutdownNow();
        http.close();
    }
}
