package dev.avatarvideo.adapters.heygen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.adapters.heygen.HeyGenDelivery.Reading;
import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent;
import dev.avatarvideo.application.port.in.rendering.RenderEventCommand;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.inbound.InboundWebhook;
import dev.avatarvideo.inbound.WebhookAnswer;
import dev.avatarvideo.inbound.WebhookCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * HeyGen's calls when a render finishes, at {@code /webhooks/heygen} for the service-wide account and at
 * {@code /webhooks/heygen/{account}} (its key's fingerprint) for a tenant's own account. The signature (hex HMAC-SHA256 of the raw body, in
 * {@code Signature} or {@code X-HeyGen-Signature}, with or without a {@code sha256=} prefix) is checked on the exact bytes
 * received, before anything in the body is believed ({@link HeyGenWebhookDeliveries}, through the core, which holds the
 * secrets); a call without a valid one is refused. A valid one is kept and answered at once; what it says is acted on
 * in the background, and only by asking HeyGen. Events this service does not track are acknowledged and ignored.
 */
public final class HeyGenWebhookReceiver implements InboundWebhook {

    static final String PATH = "/webhooks/heygen";
    private static final List<String> SIGNATURE_HEADERS = List.of("Signature", "X-HeyGen-Signature");
    private static final Map<String, WebhookEvent> EVENTS = HeyGenWebhooks.EVENT_NAMES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    private static final String NOT_SIGNED = "the call carries no valid signature: send the lowercase hex HMAC-SHA256 of the raw body,"
            + " keyed with the endpoint's signing secret, in the Signature (or X-HeyGen-Signature) header";

    private final ReceiveRenderEvent receiver;
    private final ObjectMapper json = new ObjectMapper();
    private final String apiDescription;

    public HeyGenWebhookReceiver(ReceiveRenderEvent receiver) {
        this.receiver = receiver;
        try (InputStream yaml = HeyGenWebhookReceiver.class.getResourceAsStream("heygen-webhook.openapi.yaml")) {
            if (yaml == null) {
                throw new IllegalStateException("heygen-webhook.openapi.yaml is missing beside " + HeyGenWebhookReceiver.class.getName());
            }
            this.apiDescription = new String(yaml.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the API description of HeyGen's webhook cannot be read", e);
        }
    }

    @Override
    public String path() {
        return PATH;
    }

    /** The account whose address was called, named by its key's fingerprint. */
    @Override
    public String nameParameter() {
        return "account";
    }

    /** Only the shape of a key fingerprint can name an account; anything else is no address of ours. */
    @Override
    public boolean accepts(String name) {
        return RendererAccount.named(name).isPresent();
    }

    @Override
    public WebhookAnswer answer(WebhookCall call) {
        Optional<RendererAccount> account = call.name().map(RendererAccount::new);
        Reading reading = call.jsonAcceptable() ? read(call.body()) : Reading.unreadable("", "the body is not acceptable JSON");
        HeyGenDelivery delivery = new HeyGenDelivery(call.body(), signatures(call), reading);
        return switch (receiver.receive(new RenderEventCommand(account, delivery))) {
            case REJECTED -> new WebhookAnswer.Unauthenticated(NOT_SIGNED);
            case IGNORED -> reading.unreadable().<WebhookAnswer>map(WebhookAnswer.Unreadable::new)
                    .orElseGet(() -> new WebhookAnswer.Received(Map.of("received", true, "ignored", true,
                            "reason", "event type '" + reading.type() + "' is not one this service tracks")));
            case ACCEPTED -> new WebhookAnswer.Received(Map.of("received", true));
            case DUPLICATE -> new WebhookAnswer.Received(Map.of("received", true, "duplicate", true));
        };
    }

    @Override
    public String apiDescription() {
        return apiDescription;
    }

    /** Every signature the call carries, decoded; malformed ones are left out (and so cannot match). */
    private static List<byte[]> signatures(WebhookCall call) {
        List<byte[]> signatures = new ArrayList<>();
        for (String header : SIGNATURE_HEADERS) {
            for (String value : call.header(header)) {
                String hex = value.strip();
                if (hex.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
                    hex = hex.substring("sha256=".length());
                }
                try {
                    signatures.add(HexFormat.of().parseHex(hex));
                } catch (IllegalArgumentException e) {
                    // Not hex: no secret of ours produced it.
                }
            }
        }
        return signatures;
    }

    /**
     * Reads only what names the event and its render; the rest of the body (its URL above all) is never used. What is
     * wrong with a body is only said to a caller whose signature is valid: any other learns no more than that its
     * signature is not.
     */
    private Reading read(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return Reading.unreadable("", "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return Reading.unreadable("", "the body is not a JSON object");
        }
        String type = root.path("event_type").asText("");
        WebhookEvent event = EVENTS.get(type);
        if (event == null) {
            return type.isBlank() ? Reading.unreadable(type, "the body names no event_type") : new Reading(Optional.empty(), type, Optional.empty());
        }
        String videoId = root.path("event_data").path("video_id").asText("");
        try {
            return new Reading(Optional.of(new RenderEvent(event, new RenderId(videoId))), type, Optional.empty());
        } catch (InvalidInputException e) {
            return Reading.unreadable(type, "event_data.video_id is missing or not a render id");
        }
    }
}
