package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.WebhookRegistrationsContract;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;

class InMemoryWebhookRegistrationsTest extends WebhookRegistrationsContract {

    @Override
    protected WebhookRegistrations newRegistrations() {
        return new InMemoryWebhookRegistrations();
    }
}
