package dev.avatarvideo.application.port.in.tenant;

import dev.avatarvideo.domain.ApiKey;
import dev.avatarvideo.domain.ApiKeyToken;
import java.util.Objects;

/** A key just issued: its record, and the key itself, which is shown this once and never again. */
public record IssuedApiKey(ApiKey key, ApiKeyToken token) {

    public IssuedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
    }
}
