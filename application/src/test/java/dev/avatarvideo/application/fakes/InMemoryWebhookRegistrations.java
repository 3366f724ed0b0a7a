package dev.avatarvideo.application.fakes;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link WebhookRegistrations} in a map, for fast service tests. */
public final class InMemoryWebhookRegistrations implements WebhookRegistrations {

    private final Map<String, WebhookRegistration> byAccountAndUrl = new LinkedHashMap<>();

    @Override
    public synchronized <T> T whileSettingUp(RendererAccount account, Supplier<T> work) {
        return work.get();
    }

    @Override
    public synchronized Optional<WebhookRegistration> find(RendererAccount account, URI url) {
        return Optional.ofNullable(byAccountAndUrl.get(account + " " + url));
    }

    @Override
    public synchronized void save(WebhookRegistration registration) {
        byAccountAndUrl.put(registration.account() + " " + registration.url(), registration);
    }

    @Override
    public synchronized List<WebhookSecret> signingSecrets(RendererAccount account) {
        return byAccountAndUrl.values().stream().filter(r -> r.account().equals(account)).map(WebhookRegistration::secret).toList();
    }
}
