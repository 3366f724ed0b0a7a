package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.RendererWebhooks;
import dev.avatarvideo.domain.RegisteredWebhook;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.WebhookEndpoint;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@link RendererWebhooks} must do: the HeyGen adapter against the simulator (which probes every address it is
 * given, as HeyGen does) and the in-memory fake the service tests use.
 */
public abstract class RendererWebhooksContract {

    protected abstract RendererWebhooks webhooks();

    /** The key of an account the renderer accepts, with no endpoints yet. */
    protected abstract RendererCredentials newAccount();

    /** An address the renderer can reach, so it registers it. */
    protected abstract URI reachable(String path);

    /** An address whose probe fails, so the renderer refuses it. */
    protected abstract URI unreachable();

    @Test
    void anEndpointIsRegisteredListedRotatedAndDeleted() {
        RendererCredentials account = newAccount();
        RegisteredWebhook registered = answered(webhooks().register(account, reachable("/hooks"), EnumSet.allOf(WebhookEvent.class)));
        String id = registered.endpoint().id();

        assertThat(registered.endpoint().url()).isEqualTo(reachable("/hooks"));
        assertThat(registered.endpoint().events()).containsExactlyInAnyOrder(WebhookEvent.values());
        assertThat(registered.endpoint().enabled()).isTrue();
        assertThat(registered.secret().value()).startsWith("whsec_");
        assertThat(answered(webhooks().list(account))).containsExactly(registered.endpoint());

        WebhookSecret rotated = answered(webhooks().rotateSecret(account, id));
        assertThat(rotated.value()).startsWith("whsec_").isNotEqualTo(registered.secret().value());

        assertThat(webhooks().delete(account, id)).isEqualTo(new RendererAnswer.Answered<>(id));
        assertThat(answered(webhooks().list(account))).isEmpty();
        assertThat(webhooks().delete(account, id)).isInstanceOf(RendererAnswer.NotFound.class);
        assertThat(webhooks().rotateSecret(account, id)).isInstanceOf(RendererAnswer.NotFound.class);
    }

    @Test
    void anEndpointHearsOnlyTheEventsAskedAndNoEventsIsRefused() {
        RendererCredentials account = newAccount();

        RegisteredWebhook failures = answered(webhooks().register(account, reachable("/failures"), Set.of(WebhookEvent.VIDEO_FAILED)));

        assertThat(failures.endpoint().events()).containsExactly(WebhookEvent.VIDEO_FAILED);
        assertThat(answered(webhooks().list(account))).singleElement().extracting(WebhookEndpoint::events)
                .isEqualTo(Set.of(WebhookEvent.VIDEO_FAILED));
        assertThat(webhooks().register(account, reachable("/none"), Set.of())).isInstanceOf(RendererAnswer.Refused.class);
    }

    @Test
    void anAddressTheRendererCannotReachIsRefusedNamingTheUrl() {
        RendererAnswer<RegisteredWebhook> answer = webhooks().register(newAccount(), unreachable(), Set.of(WebhookEvent.VIDEO_RENDERED));

        assertThat(answer).isInstanceOfSatisfying(RendererAnswer.Refused.class, refused -> assertThat(refused.field()).isEqualTo("url"));
    }

    @Test
    void eachAccountSeesAndChangesOnlyItsOwnEndpoints() {
        RendererCredentials mine = newAccount();
        RendererCredentials theirs = newAccount();
        RegisteredWebhook registered = answered(webhooks().register(mine, reachable("/mine"), Set.of(WebhookEvent.VIDEO_RENDERED)));
        String id = registered.endpoint().id();

        assertThat(answered(webhooks().list(theirs))).isEmpty();
        assertThat(webhooks().rotateSecret(theirs, id)).isInstanceOf(RendererAnswer.NotFound.class);
        assertThat(webhooks().delete(theirs, id)).isInstanceOf(RendererAnswer.NotFound.class);

        assertThat(answered(webhooks().list(mine))).extracting(WebhookEndpoint::id).containsExactly(id);
    }

    private static <T> T answered(RendererAnswer<T> answer) {
        assertThat(answer).isInstanceOf(RendererAnswer.Answered.class);
        return answer.answered().orElseThrow();
    }
}
