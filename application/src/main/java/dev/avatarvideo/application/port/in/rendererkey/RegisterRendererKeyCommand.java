package dev.avatarvideo.application.port.in.rendererkey;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.util.Objects;

/** A tenant's own renderer (HeyGen) key, to render its videos with from now on. */
public record RegisterRendererKeyCommand(TenantId tenantId, RendererCredentials credentials) {

    public RegisterRendererKeyCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(credentials, "credentials");
    }

    public static RegisterRendererKeyCommand fromFields(TenantId tenantId, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidInputException("apiKey", "apiKey is required: your HeyGen API key");
        }
        if (apiKey.length() > 1024 || !apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidInputException("apiKey", "apiKey must be a HeyGen API key: up to 1024 visible ASCII characters, no spaces");
        }
        return new RegisterRendererKeyCommand(tenantId, new RendererCredentials(apiKey));
    }
}
