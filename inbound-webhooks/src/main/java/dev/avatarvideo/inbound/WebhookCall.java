package dev.avatarvideo.inbound;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A call to an {@link InboundWebhook} as the web server read it.
 *
 * @param name the last segment of the address called ({@code path()/name}); empty for the plain {@code path()}
 * @param headers every value of a request header, by its name in any case; empty when it was not sent
 * @param body the raw body, exactly as received (a signature covers these bytes)
 * @param jsonAcceptable whether the body passed the checks every JSON body of this service passes: well-formed UTF-8
 *                       JSON whose text the database can hold. When not, the server has its own refusal ready
 */
public record WebhookCall(Optional<String> name, Function<String, List<String>> headers, byte[] body, boolean jsonAcceptable) {

    public WebhookCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** Every value of the header {@code name}. */
    public List<String> header(String name) {
        return headers.apply(name);
    }
}
