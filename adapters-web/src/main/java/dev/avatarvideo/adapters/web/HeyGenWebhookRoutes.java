package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent;
import dev.avatarvideo.application.port.in.rendering.RenderEventCommand;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.WebhookEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/heygen}: HeyGen's calls when a render finishes. The signature (hex HMAC-SHA256 of the raw body,
 * in {@code Signature} or {@code X-HeyGen-Signature}, with or without a {@code sha256=} prefix) is checked on the
 * exact bytes received, before anything in the body is believed; a call without a valid one is refused with 401. A
 * valid one is kept and answered at once; what it says is acted on in the background, and only by asking HeyGen.
 * Events this service does not track are acknowledged and ignored. {@code OPTIONS} answers HeyGen's reachability
 * probe when the endpoint is registered.
 */
final class HeyGenWebhookRoutes {

    static final String PATH = "/webhooks/heygen";
    /** The address of a tenant's own HeyGen account: its key's fingerprint names it, and only its secret verifies calls. */
    static final String ACCOUNT_PATH = PATH + "/{account}";
    private static final Pattern ACCOUNT = Pattern.compile("[0-9a-f]{12}");
    private static final Logger LOG = LoggerFactory.getLogger(HeyGenWebhookRoutes.class);
    private static final List<String> SIGNATURE_HEADERS = List.of("Signature", "X-HeyGen-Signature");
    private static final Map<String, WebhookEvent> EVENTS = Map.of(
            "avatar_video.success", WebhookEvent.VIDEO_RENDERED,
            "avatar_video.fail", WebhookEvent.VIDEO_FAILED);

    private final ReceiveRenderEvent receiver;
    private final JsonBodies bodies;

    HeyGenWebhookRoutes(ReceiveRenderEvent receiver, JsonBodies bodies) {
        this.receiver = receiver;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post(PATH, ctx -> receive(ctx, Optional.empty()));
        routes.options(PATH, HeyGenWebhookRoutes::probe);
        routes.post(ACCOUNT_PATH, ctx -> receive(ctx, Optional.of(account(ctx))));
        routes.options(ACCOUNT_PATH, ctx -> {
            account(ctx);
            probe(ctx);
        });
    }

    private static void probe(Context ctx) {
        ctx.header("Allow", "POST, OPTIONS").status(200);
    }

    /** Only the shape of a key fingerprint can name an account; anything else is no address of ours. */
    private static String account(Context ctx) {
        String account = ctx.pathParam("account");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new NotFoundException("no webhook endpoint " + ctx.path());
        }
        return account;
    }

    private void receive(Context ctx, Optional<String> account) {
        byte[] body = bodies.bytes(ctx);
        Parsed parsed = parse(body);
        ReceiveRenderEvent.Receipt receipt = receiver.receive(new RenderEventCommand(body, signatures(ctx), parsed.event(), account));
        switch (receipt) {
            case REJECTED -> {
                LOG.warn("refused a call to {} from {}: no valid signature", ctx.path(), ctx.ip());
                ctx.status(401).json(Problem.webhookSignature("the call carries no valid signature: send the lowercase hex HMAC-SHA256 of the"
                        + " raw body, keyed with the endpoint's signing secret, in the Signature (or X-HeyGen-Signature) header", ctx.path()))
                        .contentType(Problem.CONTENT_TYPE);
            }
            case IGNORED -> {
                if (parsed.malformed().isPresent()) {
                    throw parsed.malformed().get();
                }
                ctx.status(200).json(Map.of("received", true, "ignored", true, "reason", "event type '" + parsed.type()
                        + "' is not one this service tracks"));
            }
            case ACCEPTED -> ctx.status(200).json(Map.of("received", true));
            case DUPLICATE -> ctx.status(200).json(Map.of("received", true, "duplicate", true));
        }
    }

    /** Every signature the call carries, decoded; malformed ones are left out (and so cannot match). */
    private static List<byte[]> signatures(Context ctx) {
        List<byte[]> signatures = new ArrayList<>();
        for (String header : SIGNATURE_HEADERS) {
            for (String value : Collections.list(ctx.req().getHeaders(header))) {
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

    /** What the body says; {@code malformed} is what to answer if the call turns out to be signed but unusable. */
    private record Parsed(Optional<RenderEvent> event, String type, Optional<RuntimeException> malformed) {

        static Parsed malformed(String type, String why) {
            return new Parsed(Optional.empty(), type, Optional.of(new JsonBodies.MalformedBodyException("body", why)));
        }
    }

    /**
     * Reads only what names the event and its render; the rest of the body (its URL above all) is never used. The body
     * passes the same checks as every JSON body, so text the database cannot hold is refused naming its field; that is
     * only said to a caller whose signature is valid: any other learns no more than that its signature is not.
     */
    private Parsed parse(byte[] body) {
        JsonNode root;
        try {
            root = bodies.tree(body);
        } catch (InvalidInputException e) {
            return new Parsed(Optional.empty(), "", Optional.of(e));
        } catch (JsonBodies.MalformedBodyException | IOException e) {
            return Parsed.malformed("", "the body is not valid JSON");
        }
        if (!root.isObject()) {
            return Parsed.malformed("", "the body is not a JSON object");
        }
        String type = root.path("event_type").asText("");
        WebhookEvent event = EVENTS.get(type);
        if (event == null) {
            return type.isBlank() ? Parsed.malformed(type, "the body names no event_type") : new Parsed(Optional.empty(), type, Optional.empty());
        }
        String videoId = root.path("event_data").path("video_id").asText("");
        try {
            return new Parsed(Optional.of(new RenderEvent(event, new RenderId(videoId))), type, Optional.empty());
        } catch (InvalidInputException e) {
            return Parsed.malformed(type, "event_data.video_id is missing or not a render id");
        }
    }
}
