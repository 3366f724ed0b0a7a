package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.application.fakes.SimulatedRenderDeliveries.Seal;
import dev.avatarvideo.application.fakes.SimulatedRenderDeliveries.SimulatedDelivery;
import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent;
import dev.avatarvideo.application.port.in.rendering.RenderEventCommand;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.domain.WebhookSecret;
import dev.avatarvideo.inbound.InboundWebhook;
import dev.avatarvideo.inbound.WebhookAnswer;
import dev.avatarvideo.inbound.WebhookCall;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A webhook of a made-up renderer, for testing how the web server hosts one: its body is {@code {"render": "<id>"}}
 * (an object without {@code render} is about nothing tracked), and a call is "signed" by naming the signing secret in
 * {@code X-Simulated-Seal}. It is answered by the real receiving service, which opens the simulated deliveries.
 */
final class SimulatedWebhook implements InboundWebhook {

    static final String PATH = "/webhooks/simulated";
    static final String SEAL = "X-Simulated-Seal";

    private final ReceiveRenderEvent receiver;
    private final ObjectMapper json = new ObjectMapper();

    SimulatedWebhook(ReceiveRenderEvent receiver) {
        this.receiver = receiver;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String nameParameter() {
        return "account";
    }

    @Override
    public boolean accepts(String name) {
        return RendererAccount.named(name).isPresent();
    }

    @Override
    public WebhookAnswer answer(WebhookCall call) {
        Optional<String> unreadable = Optional.of("the body is not acceptable JSON");
        Optional<RenderEvent> event = Optional.empty();
        if (call.jsonAcceptable()) {
            JsonNode body = tree(call.body());
            unreadable = body.isObject() ? Optional.empty() : Optional.of("the body is not a simulated event object");
            event = body.hasNonNull("render") ? Optional.of(new RenderEvent(WebhookEvent.VIDEO_RENDERED, new RenderId(body.get("render").asText())))
                    : Optional.empty();
        }
        Optional<RenderEvent> carried = event;
        Optional<Seal> seal = call.header(SEAL).stream().findFirst().map(secret -> new Seal(new WebhookSecret(secret), carried));
        RenderEventCommand command = new RenderEventCommand(call.name().map(RendererAccount::new), new SimulatedDelivery(seal, carried));
        Optional<String> why = unreadable;
        return switch (receiver.receive(command)) {
            case REJECTED -> new WebhookAnswer.Unauthenticated("name the signing secret in " + SEAL);
            case IGNORED -> why.<WebhookAnswer>map(WebhookAnswer.Unreadable::new)
                    .orElseGet(() -> new WebhookAnswer.Received(Map.of("received", true, "ignored", true)));
            case ACCEPTED -> new WebhookAnswer.Received(Map.of("received", true));
            case DUPLICATE -> new WebhookAnswer.Received(Map.of("received", true, "duplicate", true));
        };
    }

    private JsonNode tree(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the server called this acceptable JSON", e);
        }
    }

    @Override
    public String apiDescription() {
        return """
                paths:
                  /webhooks/simulated:
                    post:
                      operationId: simulatedWebhook
                      requestBody: {$ref: "#/components/requestBodies/SimulatedEvent"}
                      responses:
                        "200": {description: Received.}
                        "401": {$ref: "#/components/responses/Unauthorized"}
                components:
                  requestBodies:
                    SimulatedEvent:
                      content:
                        application/json:
                          schema: {type: object, properties: {render: {type: string}}}
                """;
    }
}
