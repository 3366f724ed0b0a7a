package dev.avatarvideo.adapters.heygen;

import dev.avatarvideo.application.port.out.rendering.RenderDeliveries;
import dev.avatarvideo.domain.RenderDelivery;
import dev.avatarvideo.domain.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link RenderDeliveries} for HeyGen's webhooks: a call is genuine when one of its signatures is the HMAC-SHA256 of its
 * raw body keyed with one of the account's signing secrets. Every secret is tried against every signature, compared in
 * constant time, so how long a refusal takes tells nothing about how close a guess came.
 */
public final class HeyGenWebhookDeliveries implements RenderDeliveries {

    private static final String HMAC = "HmacSHA256";

    @Override
    public boolean signed(RenderDelivery delivery) {
        return delivery instanceof HeyGenDelivery heygen && !heygen.signatures().isEmpty();
    }

    @Override
    public Opened open(RenderDelivery delivery, List<WebhookSecret> secrets) {
        if (!(delivery instanceof HeyGenDelivery heygen) || !signedWithAny(heygen, secrets)) {
            return new Opened.Refused();
        }
        return heygen.reading().event().<Opened>map(Opened.Event::new).orElseGet(Opened.NothingTracked::new);
    }

    private static boolean signedWithAny(HeyGenDelivery delivery, List<WebhookSecret> secrets) {
        boolean signed = false;
        for (WebhookSecret secret : secrets) {
            byte[] expected = hmac(secret, delivery.body());
            for (byte[] signature : delivery.signatures()) {
                signed |= MessageDigest.isEqual(expected, signature);
            }
        }
        return signed;
    }

    private static byte[] hmac(WebhookSecret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JDK cannot compute " + HMAC, e);
        }
    }
}
