package dev.avatarvideo.adapters.heygen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avatarvideo.application.port.out.rendering.RendererWebhooks;
import dev.avatarvideo.domain.RegisteredWebhook;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.WebhookEndpoint;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RendererWebhooks} on HeyGen's {@code /v3/webhooks/endpoints}. Creating, rotating and deleting are sent once
 * and never retried (none of them is safe to repeat blindly: a repeated create registers a second endpoint); listing
 * is a GET and retried. Secrets pass through to the caller and are never logged.
 */
public final class HeyGenWebhooks implements RendererWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenWebhooks.class);
    /** HeyGen's names for the render events, for registering endpoints and reading the calls they receive. */
    static final Map<WebhookEvent, String> EVENT_NAMES = Map.of(
            WebhookEvent.VIDEO_RENDERED, "avatar_video.success",
            WebhookEvent.VIDEO_FAILED, "avatar_video.fail");
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 100;

    private final HeyGenApi api;

    public HeyGenWebhooks(HeyGenSettings settings) {
        this.api = new HeyGenApi(settings);
    }

    @Override
    public RendererAnswer<RegisteredWebhook> register(RendererCredentials credentials, URI url, Set<WebhookEvent> events) {
        if (events.isEmpty()) {
            return new RendererAnswer.Refused<>("events", "name at least one event to be called about");
        }
        ObjectNode body = api.json().createObjectNode().put("url", url.toString());
        ArrayNode names = body.putArray("events");
        events.stream().map(EVENT_NAMES::get).sorted().forEach(names::add);
        ApiAnswer answer;
        try {
            answer = api.sendOnce(credentials.apiKey(), "POST", "/v3/webhooks/endpoints", bytes(body));
        } catch (HeyGenApi.Unreachable e) {
            return HeyGenAnswers.unreachable(e);
        }
        if (!answer.isSuccess()) {
            return HeyGenAnswers.refusal(answer);
        }
        JsonNode data = answer.body().path("data");
        String secret = data.path("secret").asText("");
        if (secret.isBlank()) {
            return new RendererAnswer.Unavailable<>("HeyGen registered the endpoint but handed out no signing secret");
        }
        WebhookEndpoint endpoint = endpoint(data);
        LOG.info("registered HeyGen webhook endpoint {} for {} (key {})", endpoint.id(), url, credentials.fingerprint());
        return new RendererAnswer.Answered<>(new RegisteredWebhook(endpoint, new WebhookSecret(secret)));
    }

    @Override
    public RendererAnswer<List<WebhookEndpoint>> list(RendererCredentials credentials) {
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        Set<String> tokensSeen = new HashSet<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ApiAnswer answer;
            try {
                answer = api.get(credentials.apiKey(), "/v3/webhooks/endpoints?limit=" + PAGE
                        + (token == null ? "" : "&token=" + HeyGenVideoRenderer.encode(token)));
            } catch (HeyGenApi.Unreachable e) {
                return HeyGenAnswers.unreachable(e);
            }
            if (!answer.isSuccess()) {
                return HeyGenAnswers.refusal(answer);
            }
            answer.body().path("data").forEach(node -> endpoints.add(endpoint(node)));
            String next = answer.body().path("next_token").asText("");
            if (!answer.body().path("has_more").asBoolean(false) || next.isEmpty() || !tokensSeen.add(next)) {
                return new RendererAnswer.Answered<>(List.copyOf(endpoints));
            }
            token = next;
        }
        return new RendererAnswer.Answered<>(List.copyOf(endpoints));
    }

    @Override
    public RendererAnswer<WebhookSecret> rotateSecret(RendererCredentials credentials, String endpointId) {
        ApiAnswer answer;
        try {
            answer = api.sendOnce(credentials.apiKey(), "POST", "/v3/webhooks/endpoints/" + HeyGenVideoRenderer.encode(endpointId)
                    + "/rotate-secret", null);
        } catch (HeyGenApi.Unreachable e) {
            return HeyGenAnswers.unreachable(e);
        }
        if (!answer.isSuccess()) {
            return HeyGenAnswers.refusal(answer);
        }
        String secret = answer.body().at("/data/secret").asText("");
        if (secret.isBlank()) {
            return new RendererAnswer.Unavailable<>("HeyGen rotated the secret but handed out none");
        }
        LOG.info("rotated the signing secret of HeyGen webhook endpoint {} (key {})", endpointId, credentials.fingerprint());
        return new RendererAnswer.Answered<>(new WebhookSecret(secret));
    }

    @Override
    public RendererAnswer<String> delete(RendererCredentials credentials, String endpointId) {
        ApiAnswer answer;
        try {
            answer = api.sendOnce(credentials.apiKey(), "DELETE", "/v3/webhooks/endpoints/" + HeyGenVideoRenderer.encode(endpointId), null);
        } catch (HeyGenApi.Unreachable e) {
            return HeyGenAnswers.unreachable(e);
        }
        if (!answer.isSuccess()) {
            return HeyGenAnswers.refusal(answer);
        }
        LOG.info("deleted HeyGen webhook endpoint {} (key {})", endpointId, credentials.fingerprint());
        return new RendererAnswer.Answered<>(endpointId);
    }

    /** HeyGen's {@code events: null} means every event, so both of ours. */
    private static WebhookEndpoint endpoint(JsonNode data) {
        JsonNode names = data.path("events");
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        if (names.isArray()) {
            names.forEach(name -> EVENT_NAMES.forEach((event, heygenName) -> {
                if (heygenName.equals(name.asText())) {
                    events.add(event);
                }
            }));
        } else {
            events.addAll(EVENT_NAMES.keySet());
        }
        return new WebhookEndpoint(data.path("endpoint_id").asText(), URI.create(data.path("url").asText()), events,
                !"disabled".equals(data.path("status").asText("enabled")), instant(data.path("created_at").asText("")));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private byte[] bytes(JsonNode body) {
        try {
            return api.json().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a HeyGen request body", e);
        }
    }
}
