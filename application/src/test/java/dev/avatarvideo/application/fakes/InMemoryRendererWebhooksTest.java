package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.RendererWebhooksContract;
import dev.avatarvideo.application.port.out.rendering.RendererWebhooks;
import dev.avatarvideo.domain.RendererCredentials;
import java.net.URI;
import java.util.UUID;

class InMemoryRendererWebhooksTest extends RendererWebhooksContract {

    private final InMemoryRendererWebhooks webhooks = new InMemoryRendererWebhooks();

    @Override
    protected RendererWebhooks webhooks() {
        return webhooks;
    }

    @Override
    protected RendererCredentials newAccount() {
        return new RendererCredentials("key-" + UUID.randomUUID());
    }

    @Override
    protected URI reachable(String path) {
        return URI.create("https://platform.example" + path);
    }

    @Override
    protected URI unreachable() {
        URI url = URI.create("https://platform.example/refuses");
        webhooks.unreachable(url);
        return url;
    }
}
