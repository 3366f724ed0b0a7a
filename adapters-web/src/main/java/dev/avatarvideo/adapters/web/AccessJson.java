package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.avatarvideo.application.port.in.tenant.IssuedApiKey;
import dev.avatarvideo.application.port.in.rendererkey.RendererKeyView;
import dev.avatarvideo.domain.ApiKey;
import dev.avatarvideo.domain.Tenant;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of tenants, service API keys and tenants' HeyGen keys. */
final class AccessJson {

    private AccessJson() {
    }

    record CreateKeyRequest(String name) {
    }

    record CreateTenantRequest(String id, String name, String keyName) {
    }

    record RendererKeyRequest(String apiKey) {
    }

    /** A key's record; {@code key} only in the answer that issued it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyBody(String id, String tenantId, String name, Instant createdAt, Instant revokedAt, String key) {

        static KeyBody of(ApiKey key) {
            return new KeyBody(key.id().value(), key.tenantId().value(), key.name(), key.createdAt(), key.revokedAt().orElse(null), null);
        }

        static KeyBody issued(IssuedApiKey issued) {
            ApiKey key = issued.key();
            return new KeyBody(key.id().value(), key.tenantId().value(), key.name(), key.createdAt(), null, issued.token().value());
        }
    }

    record KeyListBody(List<KeyBody> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TenantBody(String id, String name, Instant createdAt, KeyBody apiKey) {

        static TenantBody of(Tenant tenant) {
            return new TenantBody(tenant.id().value(), tenant.name(), tenant.createdAt(), null);
        }
    }

    record TenantListBody(List<TenantBody> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookSetupBody(boolean ready, String endpointId, String detail) {
    }

    /** Whether a tenant renders with a key of its own; never the key. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RendererKeyBody(boolean configured, String accountName, String fingerprint, Instant registeredAt, WebhookSetupBody webhook) {

        static RendererKeyBody none() {
            return new RendererKeyBody(false, null, null, null, null);
        }

        static RendererKeyBody of(RendererKeyView view) {
            return new RendererKeyBody(true, view.accountName(), view.fingerprint(), view.registeredAt(),
                    view.webhook().map(w -> new WebhookSetupBody(w.ready(), w.endpointId().orElse(null), w.detail())).orElse(null));
        }
    }
}
