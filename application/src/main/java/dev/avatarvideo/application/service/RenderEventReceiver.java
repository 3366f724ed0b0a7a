package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.rendering.ApplyRenderEvents;
import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent;
import dev.avatarvideo.application.port.in.rendering.RenderEventCommand;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.rendering.RenderEventInbox;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;
import dev.avatarvideo.domain.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Takes in renderer events: a call counts only when its raw body carries the HMAC-SHA256 of one of our signing
 * secrets (compared in constant time), and all it does is ask for a fresh status check of the render it names. So a
 * forged or altered call is refused, and a replayed or duplicated one changes nothing: the same (event, render) is
 * kept once, and asking the renderer again about a render cannot hurt.
 *
 * <p>Each renderer account calls an address of its own, and a call verifies only with the secrets of the account whose
 * address it called: the service-wide account's (and a configured secret) at the plain address, a tenant account's at
 * the address named by its key's fingerprint. Secrets come from the database (another instance may have rotated them)
 * and are kept here briefly; a call that no secret we hold verifies makes us read them again, at most once a second
 * per account, before it is refused.
 */
public final class RenderEventReceiver implements ReceiveRenderEvent, ApplyRenderEvents {

    /** How long an event naming no known render waits for its video's submission to be saved. */
    static final Duration KEEP_UNMATCHED = Duration.ofHours(1);
    private static final Duration SECRETS_FRESH_FOR = Duration.ofSeconds(30);
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(1);
    private static final String HMAC = "HmacSHA256";

    private final RenderEventInbox inbox;
    private final WebhookRegistrations registrations;
    private final String serviceAccount;
    private final List<WebhookSecret> configuredSecrets;
    private final Clock clock;
    private final Map<String, Keys> keysByAccount = new ConcurrentHashMap<>();

    /**
     * @param serviceAccount the service-wide account (its key's fingerprint), whose calls come to the plain address
     * @param configuredSecrets secrets given by configuration for the service-wide account, accepted besides those registered
     */
    public RenderEventReceiver(RenderEventInbox inbox, WebhookRegistrations registrations, String serviceAccount,
                               List<WebhookSecret> configuredSecrets, Clock clock) {
        this.inbox = inbox;
        this.registrations = registrations;
        this.serviceAccount = Objects.requireNonNull(serviceAccount, "serviceAccount");
        this.configuredSecrets = List.copyOf(configuredSecrets);
        this.clock = clock;
    }

    @Override
    public Receipt receive(RenderEventCommand command) {
        Objects.requireNonNull(command, "command");
        if (!authentic(command.account().orElse(serviceAccount), command.body(), command.signatures())) {
            return Receipt.REJECTED;
        }
        if (command.event().isEmpty()) {
            return Receipt.IGNORED;
        }
        return inbox.add(command.event().get(), clock.now()) ? Receipt.ACCEPTED : Receipt.DUPLICATE;
    }

    @Override
    public int applyReceived() {
        Instant now = clock.now();
        return inbox.apply(now, now.minus(KEEP_UNMATCHED));
    }

    private boolean authentic(String account, byte[] body, List<byte[]> signatures) {
        if (signatures.isEmpty()) {
            return false;
        }
        Instant now = clock.now();
        Keys current = keysByAccount.get(account);
        if (current == null || current.loadedAt().plus(SECRETS_FRESH_FOR).isBefore(now)) {
            current = reload(account, now);
        }
        if (signedWithAny(current, body, signatures)) {
            return true;
        }
        return current.loadedAt().plus(RELOAD_AT_MOST_EVERY).isBefore(now) && signedWithAny(reload(account, now), body, signatures);
    }

    private Keys reload(String account, Instant now) {
        List<SecretKeySpec> loaded = new ArrayList<>();
        if (account.equals(serviceAccount)) {
            configuredSecrets.forEach(secret -> loaded.add(key(secret)));
        }
        List<WebhookSecret> registered = registrations.signingSecrets(account);
        registered.forEach(secret -> loaded.add(key(secret)));
        Keys fresh = new Keys(List.copyOf(loaded), now);
        // Only accounts that have secrets are remembered, so calls to made-up addresses cannot fill the map.
        if (loaded.isEmpty()) {
            keysByAccount.remove(account);
        } else {
            keysByAccount.put(account, fresh);
        }
        return fresh;
    }

    private static boolean signedWithAny(Keys keys, byte[] body, List<byte[]> signatures) {
        boolean signed = false;
        for (SecretKeySpec key : keys.secrets()) {
            byte[] expected = hmac(key, body);
            for (byte[] signature : signatures) {
                signed |= MessageDigest.isEqual(expected, signature);
            }
        }
        return signed;
    }

    private static SecretKeySpec key(WebhookSecret secret) {
        return new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), HMAC);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JDK cannot compute " + HMAC, e);
        }
    }

    private record Keys(List<SecretKeySpec> secrets, Instant loadedAt) {
    }
}
