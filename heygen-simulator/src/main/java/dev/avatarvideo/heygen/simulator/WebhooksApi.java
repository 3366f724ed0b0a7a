package dev.avatarvideo.heygen.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v3/webhooks/endpoints} (create, list, update, delete, rotate-secret) and {@code GET /v3/webhooks/events}.
 * A secret appears only in the answers to create and rotate; lists show {@code "secret": null}. An endpoint's URL must
 * be HTTPS, as HeyGen's schema says ("Publicly accessible HTTPS URL"), unless the simulator was started with
 * {@link SimulatorSettings#httpWebhookUrlsAllowed()} for tests and loopback development.
 */
final class WebhooksApi {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final SimulatedWebhooks webhooks;
    private final boolean httpAllowed;

    WebhooksApi(SimulatedWebhooks webhooks, boolean httpAllowed) {
        this.webhooks = webhooks;
        this.httpAllowed = httpAllowed;
    }

    void create(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        JsonNode body = JsonInput.object(ctx);
        URI url = endpointUrl(body);
        if (url == null) {
            throw HeyGenError.invalidParameter("url", "url is required");
        }
        JsonInput.string(body, "entity_id", "");
        List<String> events = events(body.get("events"));
        SimulatedWebhooks.Endpoint endpoint = webhooks.register(account.id(), url, events == null ? List.of() : events);
        ctx.json(VideosApi.envelope(endpointJson(endpoint, true)));
    }

    void list(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        int limit = Paging.limit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        ctx.json(Paging.page(webhooks.endpointsOf(account.id()), ctx.queryParam("token"), limit, e -> endpointJson(e, false)));
    }

    void update(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        JsonNode body = JsonInput.object(ctx);
        URI url = endpointUrl(body);
        List<String> events = events(body.get("events"));
        SimulatedWebhooks.Endpoint endpoint = webhooks.update(account.id(), ctx.pathParam("endpoint_id"), url, events);
        ctx.json(VideosApi.envelope(endpointJson(endpoint, false)));
    }

    void delete(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        String endpointId = ctx.pathParam("endpoint_id");
        webhooks.delete(account.id(), endpointId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpoint_id", endpointId);
        data.put("deleted", true);
        ctx.json(VideosApi.envelope(data));
    }

    void rotateSecret(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        String endpointId = ctx.pathParam("endpoint_id");
        String secret = webhooks.rotateSecret(account.id(), endpointId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpoint_id", endpointId);
        data.put("secret", secret);
        ctx.json(VideosApi.envelope(data));
    }

    void events(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        String eventType = ctx.queryParam("event_type");
        JsonInput.oneOf("event_type", eventType, SimulatedWebhooks.EVENT_TYPES);
        int limit = Paging.limit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        ctx.json(Paging.page(webhooks.eventsOf(account.id(), eventType), ctx.queryParam("token"), limit, WebhooksApi::eventJson));
    }

    /** The {@code url} of a create or update, {@code null} when absent. */
    private URI endpointUrl(JsonNode body) {
        URI url = JsonInput.httpUrl(body, "url", "");
        if (url != null && !"https".equals(url.getScheme()) && !httpAllowed) {
            throw HeyGenError.invalidParameter("url", "url must be a publicly accessible HTTPS URL, got " + url.getScheme() + "://…");
        }
        return url;
    }

    /** {@code null} when absent or null (HeyGen: every event). */
    private static List<String> events(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw HeyGenError.invalidParameter("events", "events must be an array of event types");
        }
        List<String> events = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String event = node.get(i).asText();
            if (!node.get(i).isTextual() || !SimulatedWebhooks.EVENT_TYPES.contains(event)) {
                throw HeyGenError.invalidParameter("events[" + i + "]", "unknown event type '" + event + "'");
            }
            events.add(event);
        }
        return List.copyOf(events);
    }

    private static Map<String, Object> endpointJson(SimulatedWebhooks.Endpoint endpoint, boolean withSecret) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("endpoint_id", endpoint.endpointId());
        json.put("url", endpoint.url().toString());
        json.put("events", endpoint.events().isEmpty() ? null : endpoint.events());
        json.put("status", endpoint.status());
        json.put("created_at", timestamp(endpoint.createdAt()));
        json.put("secret", withSecret ? endpoint.secret() : null);
        return json;
    }

    private static Map<String, Object> eventJson(SimulatedWebhooks.Event event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event_id", event.eventId());
        json.put("event_type", event.eventType());
        json.put("event_data", event.eventData());
        json.put("created_at", timestamp(event.createdAt()));
        return json;
    }

    private static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
