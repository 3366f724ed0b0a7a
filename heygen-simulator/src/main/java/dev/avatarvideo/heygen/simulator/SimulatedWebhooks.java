package dev.avatarvideo.heygen.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * duplicated, late) are drawn once per event. Endpoints (with their secrets) and events are written to the
 * {@link SimulatorJournal}, so after a restart the same secrets sign and no finished render is announced twice.
 */
final class SimulatedWebhooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenSimulator.class);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DUPLICATE_GAP = Duration.ofMillis(150);
    private static final Duration SCAN_INTERVAL = Duration.ofMillis(50);

    static final String ENDPOINT_ENTRY = "webhook_endpoint";
    static final String EVENT_ENTRY = "webhook_event";

    /** The {@code events} enum of HeyGen's webhook endpoint schemas ({@code gen/webhook.go}). */
    static final List<String> EVENT_TYPES = List.of(
            "avatar_video.success", "avatar_video.fail", "avatar_video_gif.success", "avatar_video_gif.fail",
            "video_translate.success", "video_translate.fail", "video_translate.preflight.validation_failed",
            "video_translate.preflight.download_failed", "personalized_video", "instant_avatar.success",
            "instant_avatar.fail", "photo_avatar_generation.success", "photo_avatar_generation.fail",
            "photo_avatar_train.success", "photo_avatar_train.fail", "photo_avatar_add_motion.success",
            "photo_avatar_add_motion.fail", "proofread_creation.success", "proofread_creation.fail", "live_avatar.success",
            "live_avatar.fail", "avatar_video_caption.success", "avatar_video_caption.fail", "video_agent.success",
            "video_agent.fail", "hyperframes_video.success", "hyperframes_video.fail", "ai_clipping.success", "ai_clipping.fail",
            "batch.finished");

    /** A registered endpoint of an account; {@code events} empty means every event. */
    record Endpoint(String endpointId, String accountId, URI url, List<String> events, String status, Instant createdAt, String secret) {

        boolean wants(String eventType) {
            return status.equals("enabled") && (events.isEmpty() || events.contains(eventType));
        }
    }

    record Event(String eventId, String accountId, String eventType, Map<String, Object> eventData, Instant createdAt) {
    }

    private final Clock clock;
    private final FaultInjector faults;
    private final SimulatorCounters counters;
    private final Supplier<Collection<SimulatedRender>> renders;
    private final Function<SimulatedRender, Map<String, Object>> successData;
    private final SimulatorJournal journal;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Set<String> announcedRenders = ConcurrentHashMap.newKeySet();
    private final SecureRandom secrets = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("heygen-simulator-webhooks").daemon().factory());
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();

    SimulatedWebhooks(Clock clock, FaultInjector faults, SimulatorCounters counters, Supplier<Collection<SimulatedRender>> renders,
                      Function<SimulatedRender, Map<String, Object>> successData, SimulatorJournal journal) {
        this.clock = clock;
        this.faults = faults;
        this.counters = counters;
        this.renders = renders;
        this.successData = successData;
        this.journal = journal;
        restore(journal.entries());
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::announceFinishedRenders, SCAN_INTERVAL.toMillis(), SCAN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    Endpoint register(String accountId, URI url, List<String> subscribed) {
        probe(url);
        Endpoint endpoint = save(new Endpoint("ep_" + randomHex(12), accountId, url, subscribed, "enabled", clock.instant(), newSecret()));
        LOG.info(HeyGenSimulator.LOG_PREFIX + "webhook endpoint {} registered for {}", endpoint.endpointId(), url);
        return endpoint;
    }

    List<Endpoint> endpointsOf(String accountId) {
        return endpoints.values().stream().filter(e -> e.accountId().equals(accountId))
                .sorted(Comparator.comparing(Endpoint::createdAt).thenComparing(Endpoint::endpointId)).toList();
    }

    Endpoint update(String accountId, String endpointId, URI newUrl, List<String> newEvents) {
        Endpoint current = owned(accountId, endpointId);
        if (newUrl != null && !newUrl.equals(current.url())) {
            probe(newUrl);
        }
        return save(new Endpoint(current.endpointId(), accountId, newUrl == null ? current.url() : newUrl,
                newEvents == null ? current.events() : newEvents, current.status(), current.createdAt(), current.secret()));
    }

    /** A new secret; the old one stops signing at once. */
    String rotateSecret(String accountId, String endpointId) {
        Endpoint current = owned(accountId, endpointId);
        String secret = newSecret();
        save(new Endpoint(current.endpointId(), accountId, current.url(), current.events(), current.status(), current.createdAt(), secret));
        LOG.info(HeyGenSimulator.LOG_PREFIX + "webhook endpoint {} has a new signing secret", endpointId);
        return secret;
    }

    void delete(String accountId, String endpointId) {
        owned(accountId, endpointId);
        journal.append(SimulatorJournal.deletion(ENDPOINT_ENTRY, endpointId));
        endpoints.remove(endpointId);
        LOG.info(HeyGenSimulator.LOG_PREFIX + "webhook endpoint {} deleted", endpointId);
    }

    /** Past events of one account, newest first. */
    List<Event> eventsOf(String accountId, String eventType) {
        List<Event> own = new ArrayList<>(events.stream()
                .filter(e -> e.accountId().equals(accountId) && (eventType == null || e.eventType().equals(eventType))).toList());
        Collections.reverse(own);
        return own;
    }

    private Endpoint owned(String accountId, String endpointId) {
        Endpoint endpoint = endpoints.get(endpointId);
        if (endpoint == null || !endpoint.accountId().equals(accountId)) {
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
        Event event = new Event("evt_" + randomHex(12), render.accountId(), eventType, data, clock.instant());
        journal.append(eventEntry(event, render.videoId()));
        events.add(event);
        byte[] body = deliveryBody(event);
        List<Target> targets = new ArrayList<>();
        endpointsOf(render.accountId()).stream().filter(e -> e.wants(eventType)).forEach(e -> targets.add(new Target(e.url(), e.endpointId())));
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

    /** Journaled before it is kept: an endpoint a client was told about is one a restart still has. */
    private Endpoint save(Endpoint endpoint) {
        ObjectNode entry = JsonInput.JSON.createObjectNode();
        entry.put("kind", ENDPOINT_ENTRY);
        entry.put("id", endpoint.endpointId());
        entry.put("account", endpoint.accountId());
        entry.put("url", endpoint.url().toString());
        entry.set("events", JsonInput.JSON.valueToTree(endpoint.events()));
        entry.put("status", endpoint.status());
        entry.put("created_at", endpoint.createdAt().toString());
        entry.put("secret", endpoint.secret());
        journal.append(entry);
        endpoints.put(endpoint.endpointId(), endpoint);
        return endpoint;
    }

    private static ObjectNode eventEntry(Event event, String videoId) {
        ObjectNode entry = JsonInput.JSON.createObjectNode();
        entry.put("kind", EVENT_ENTRY);
        entry.put("id", event.eventId());
        entry.put("video_id", videoId);
        entry.put("account", event.accountId());
        entry.put("event_type", event.eventType());
        entry.set("event_data", JsonInput.JSON.valueToTree(event.eventData()));
        entry.put("created_at", event.createdAt().toString());
        return entry;
    }

    /** Takes back the endpoints and events a journal holds; a render with an event is not announced again. */
    private void restore(List<ObjectNode> entries) {
        for (ObjectNode entry : entries) {
            switch (entry.path("kind").asText()) {
                case ENDPOINT_ENTRY -> {
                    List<String> subscribed = JsonInput.JSON.convertValue(entry.path("events"), new TypeReference<List<String>>() { });
                    endpoints.put(entry.path("id").asText(), new Endpoint(entry.path("id").asText(), entry.path("account").asText(),
                            URI.create(entry.path("url").asText()), List.copyOf(subscribed), entry.path("status").asText(),
                            Instant.parse(entry.path("created_at").asText()), entry.path("secret").asText()));
                }
                case EVENT_ENTRY -> {
                    JsonNode data = entry.path("event_data");
                    events.add(new Event(entry.path("id").asText(), entry.path("account").asText(), entry.path("event_type").asText(),
                            JsonInput.JSON.convertValue(data, new TypeReference<Map<String, Object>>() { }),
                            Instant.parse(entry.path("created_at").asText())));
                    announcedRenders.add(entry.path("video_id").asText());
                }
                default -> {
                    // another part of the simulator's
                }
            }
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
