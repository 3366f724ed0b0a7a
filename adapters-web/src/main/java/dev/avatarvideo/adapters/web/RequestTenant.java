package dev.avatarvideo.adapters.web;

import dev.avatarvideo.application.port.in.tenant.AuthenticateApiKey;
import dev.avatarvideo.application.port.in.tenant.AuthenticateApiKey.Authentication;
import dev.avatarvideo.domain.TenantId;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Decides which tenant a request acts for: the one whose service API key it carries as {@code Authorization: Bearer
 * <key>}. {@link #authenticate} runs before every {@code /api} route and refuses a request without a live key, so a
 * route that asks {@link #of} always gets an authenticated tenant.
 */
final class RequestTenant {

    private static final String ATTRIBUTE = "avatar-video.tenant";

    private final AuthenticateApiKey keys;

    RequestTenant(AuthenticateApiKey keys) {
        this.keys = keys;
    }

    void authenticate(Context ctx) {
        String token = bearerToken(ctx);
        switch (keys.authenticate(token)) {
            case Authentication.Authenticated authenticated -> ctx.attribute(ATTRIBUTE, authenticated.tenantId());
            case Authentication.Revoked revoked -> throw new UnauthorizedException("invalid_token", "this API key was revoked; use another of"
                    + " your keys, or have a new one issued");
            case Authentication.Unknown unknown -> throw new UnauthorizedException("invalid_token", "the API key is not valid: send a key"
                    + " this service issued (avs_…) as Authorization: Bearer <key>");
        }
    }

    TenantId of(Context ctx) {
        TenantId tenant = ctx.attribute(ATTRIBUTE);
        if (tenant == null) {
            throw new IllegalStateException(ctx.path() + " was reached without authentication");
        }
        return tenant;
    }

    /** The token of an {@code Authorization: Bearer <token>} header; refuses a request without one. */
    static String bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new UnauthorizedException(null, "this route needs an API key: send it as Authorization: Bearer <key>");
        }
        String[] parts = header.strip().split(" +", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isBlank()) {
            throw new UnauthorizedException("invalid_request", "the Authorization header must read Bearer <key>");
        }
        return parts[1].strip();
    }

    /** No credentials, or none that open this route: 401 with a {@code WWW-Authenticate} challenge (RFC 6750). */
    static final class UnauthorizedException extends RuntimeException {

        private final String error;

        /** @param error the RFC 6750 error code, or null when the request carried no credentials at all */
        UnauthorizedException(String error, String message) {
            super(message);
            this.error = error;
        }

        String challenge() {
            return "Bearer realm=\"avatar-video-service\"" + (error == null ? "" : ", error=\"" + error + "\"");
        }
    }
}
