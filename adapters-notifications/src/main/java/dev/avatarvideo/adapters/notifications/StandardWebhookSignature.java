package dev.avatarvideo.adapters.notifications;

import dev.avatarvideo.domain.SigningSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} of the Standard Webhooks specification: {@code v1,} and the base64 HMAC-SHA256 of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the bytes the secret's text after {@code whsec_} encodes.
 */
final class StandardWebhookSignature {

    private StandardWebhookSignature() {
    }

    static String sign(SigningSecret secret, String messageId, long timestampSeconds, byte[] body) {
        byte[] key = secret.key();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute HmacSHA256", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
