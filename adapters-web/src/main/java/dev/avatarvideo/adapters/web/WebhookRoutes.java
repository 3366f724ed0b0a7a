package dev.avatarvideo.adapters.web;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.inbound.InboundWebhook;
import dev.avatarvideo.inbound.WebhookAnswer;
import dev.avatarvideo.inbound.WebhookCall;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts other systems' webhooks ({@link InboundWebhook}), knowing nothing of what their calls mean: {@code POST} at the
 * webhook's path and at {@code path/{nameParameter}} for each name it accepts, and {@code OPTIONS} there for reachability
 * probes. A call's body is read within the limits every body has and checked as every JSON body is; what that check
 * finds is only said to a caller the webhook believes, so any other learns no more than that it is not believed.
 */
final class WebhookRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);

    private final List<InboundWebhook> webhooks;
    private final JsonBodies bodies;

    WebhookRoutes(List<InboundWebhook> webhooks, JsonBodies bodies) {
        this.webhooks = List.copyOf(webhooks);
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        for (InboundWebhook webhook : webhooks) {
            routes.post(webhook.path(), ctx -> receive(ctx, webhook, Optional.empty()));
            routes.options(webhook.path(), WebhookRoutes::probe);
            String named = webhook.path() + "/{" + webhook.nameParameter() + "}";
            routes.post(named, ctx -> receive(ctx, webhook, Optional.of(name(ctx, webhook))));
            routes.options(named, ctx -> {
                name(ctx, webhook);
                probe(ctx);
            });
        }
    }

    private static void probe(Context ctx) {
        ctx.header("Allow", "POST, OPTIONS").status(200);
    }

    private static String name(Context ctx, InboundWebhook webhook) {
        String name = ctx.pathParam(webhook.nameParameter());
        if (!webhook.accepts(name)) {
            throw new NotFoundException("no webhook endpoint " + ctx.path());
        }
        return name;
    }

    private void receive(Context ctx, InboundWebhook webhook, Optional<String> name) {
        byte[] body = bodies.bytes(ctx);
        Optional<RuntimeException> refusal = refusal(body);
        WebhookCall call = new WebhookCall(name, header -> Collections.list(ctx.req().getHeaders(header)), body, refusal.isEmpty());
        switch (webhook.answer(call)) {
            case WebhookAnswer.Unauthenticated unauthenticated -> {
                LOG.warn("refused a call to {} from {}: not authenticated", ctx.path(), ctx.ip());
                JavalinServer.problem(ctx, Problem.webhookUnauthenticated(unauthenticated.detail(), ctx.path()));
            }
            case WebhookAnswer.Unreadable unreadable -> throw refusal.orElseGet(() -> new JsonBodies.MalformedBodyException("body",
                    unreadable.detail()));
            case WebhookAnswer.Received received -> {
                if (refusal.isPresent()) {
                    throw refusal.get();
                }
                ctx.status(200).json(received.body());
            }
        }
    }

    /**
     * What the checks every JSON body passes find wrong with this one: text the database cannot hold is refused naming
     * its field, anything that is not JSON as a malformed body.
     */
    private Optional<RuntimeException> refusal(byte[] body) {
        try {
            bodies.tree(body);
            return Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.of(e);
        } catch (JsonBodies.MalformedBodyException | IOException e) {
            return Optional.of(new JsonBodies.MalformedBodyException("body", "the body is not valid JSON"));
        }
    }
}
