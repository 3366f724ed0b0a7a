package dev.avatarvideo.adapters.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The operator's access to {@code /admin}: the admin key from the configuration, as a bearer token. Compared as
 * SHA-256 digests in constant time, so neither the key's content nor its length leaks through timing. Without a
 * configured key the admin routes open for nobody.
 */
final class AdminAccess {

    private final Optional<byte[]> keyDigest;

    AdminAccess(Optional<JavalinServer.AdminKey> key) {
        this.keyDigest = key.map(k -> sha256(k.value()));
    }

    void authenticate(Context ctx) {
        if (keyDigest.isEmpty()) {
            throw new RequestTenant.UnauthorizedException("invalid_token", "the admin API is off: the operator sets ADMIN_API_KEY to use it");
        }
        String token = RequestTenant.bearerToken(ctx);
        if (!MessageDigest.isEqual(keyDigest.get(), sha256(token))) {
            throw new RequestTenant.UnauthorizedException("invalid_token", "the admin API needs the operator's key (ADMIN_API_KEY) as"
                    + " Authorization: Bearer <key>");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
