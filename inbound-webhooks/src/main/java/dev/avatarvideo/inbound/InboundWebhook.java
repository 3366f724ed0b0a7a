package dev.avatarvideo.inbound;

/**
 * An address of this service that another system calls (a webhook), answered by that system's adapter. The web server
 * hosts it: it serves {@code POST} and {@code OPTIONS} (a reachability probe) at {@link #path()} and at
 * {@code path()/{nameParameter()}} for every name the webhook {@link #accepts}, reads each call within the limits and checks every
 * JSON body gets, and writes the answer as JSON or as a problem document. So the server knows nothing of what a call
 * means, and the adapter nothing of the server.
 */
public interface InboundWebhook {

    /** Where the calls come, such as {@code /webhooks/heygen}. */
    String path();

    /**
     * What the last segment of {@code path()/name} names, as the {@link #apiDescription()} calls that path parameter (such
     * as {@code account}), so the route the server registers is the one the description documents.
     */
    String nameParameter();

    /** Whether {@code path()/name} is an address of this webhook; any other is answered 404 before anything is read. */
    boolean accepts(String name);

    /**
     * Answers a call. A call whose body did not pass the server's checks ({@link WebhookCall#jsonAcceptable()}) must keep
     * nothing; once it is otherwise believed, answering {@link WebhookAnswer.Unreadable} lets the server say precisely
     * what is wrong with it.
     */
    WebhookAnswer answer(WebhookCall call);

    /**
     * This webhook in the service's API description: an OpenAPI 3.1 fragment in YAML with {@code paths} and
     * {@code components} (which may refer to the service's own shared components, such as its problem responses).
     */
    String apiDescription();
}
