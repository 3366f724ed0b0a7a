package dev.avatarvideo.inbound;

import java.util.Map;
import java.util.Objects;

/** How an {@link InboundWebhook} answers a call; the web server writes it. */
public sealed interface WebhookAnswer {

    /** Taken (kept, ignored or a duplicate): 200 with {@code body} as JSON. */
    record Received(Map<String, Object> body) implements WebhookAnswer {

        public Received {
            body = Map.copyOf(body);
        }
    }

    /**
     * The call does not prove it comes from the system it claims to (a missing or wrong signature): 401 as a problem
     * document. Nothing about its body is said.
     *
     * @param detail what a genuine call carries, without any secret
     */
    record Unauthenticated(String detail) implements WebhookAnswer {

        public Unauthenticated {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Authentic, but its body cannot be used: 400 as a problem document naming the body, worded by the server's own
     * checks when the body failed them, else with {@code detail}.
     */
    record Unreadable(String detail) implements WebhookAnswer {

        public Unreadable {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
