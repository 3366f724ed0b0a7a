package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.rendering.ApplyRenderEvents;
import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent;
import dev.avatarvideo.application.port.in.rendering.RenderEventCommand;
import dev.avatarvideo.application.port.out.rendering.RenderDeliveries;
import dev.avatarvideo.application.port.out.rendering.RenderDeliveries.Opened;
import dev.avatarvideo.application.port.out.rendering.RenderEventInbox;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.domain.RenderDelivery;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.WebhookSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes in renderer events: a call counts only when the renderer's adapter finds it signed with one of our signing
 * secrets ({@link RenderDeliveries}), and all it does is ask for a fresh status check of the render it names. So a
 * forged or altered call is refused, and a replayed or duplicated one changes nothing: the same (event, render) is
 * kept once, and asking the renderer again about a render cannot hurt.
 *
 * <p>Each renderer account calls an address of its own, and a call is opened only with the secrets of the account whose
 * address it called: the service-wide account's (and a configured secret) at the plain address, a tenant account's at
 * the address named by its key's fingerprint. Secrets come from the database (another instance may have rotated them)
 * and are kept here briefly; a call that no secret we hold opens makes us read them again, at most once a second
 * per account, before it is refused.
 */
public final class RenderEventReceiver implements ReceiveRenderEvent, ApplyRenderEvents {

    /** How long an event naming no known render waits for its video's submission to be saved. */
    static final Duration KEEP_UNMATCHED = Duration.ofHours(1);
    private static final Duration SECRETS_FRESH_FOR = Duration.ofSeconds(30);
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final RenderEventInbox inbox;
    private final WebhookRegistrations registrations;
    private final RenderDeliveries deliveries;
    private final RendererAccount serviceAccount;
    private final List<WebhookSecret> configuredSecrets;
    private final Clock clock;
    private final Map<RendererAccount, Secrets> secretsByAccount = new ConcurrentHashMap<>();

    /**
     * @param serviceAccount the service-wide account, whose calls come to the plain address
     * @param configuredSecrets secrets given by configuration for the service-wide account, accepted besides those registered
     */
    public RenderEventReceiver(RenderEventInbox inbox, WebhookRegistrations registrations, RenderDeliveries deliveries,
                               RendererAccount serviceAccount, List<WebhookSecret> configuredSecrets, Clock clock) {
        this.inbox = inbox;
        this.registrations = registrations;
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.serviceAccount = Objects.requireNonNull(serviceAccount, "serviceAccount");
        this.configuredSecrets = List.copyOf(configuredSecrets);
        this.clock = clock;
    }

    @Override
    public Receipt receive(RenderEventCommand command) {
        Objects.requireNonNull(command, "command");
        if (!deliveries.signed(command.delivery())) {
            return Receipt.REJECTED;
        }
        return switch (open(command.account().orElse(serviceAccount), command.delivery())) {
            case Opened.Refused refused -> Receipt.REJECTED;
            case Opened.NothingTracked nothing -> Receipt.IGNORED;
            case Opened.Event event -> inbox.add(event.event(), clock.now()) ? Receipt.ACCEPTED : Receipt.DUPLICATE;
        };
    }

    @Override
    public int applyReceived() {
        Instant now = clock.now();
        return inbox.apply(now, now.minus(KEEP_UNMATCHED));
    }

    private Opened open(RendererAccount account, RenderDelivery delivery) {
        Instant now = clock.now();
        Secrets current = secretsByAccount.get(account);
        if (current == null || current.loadedAt().plus(SECRETS_FRESH_FOR).isBefore(now)) {
            current = reload(account, now);
        }
        Opened opened = deliveries.open(delivery, current.secrets());
        if (opened instanceof Opened.Refused && current.loadedAt().plus(RELOAD_AT_MOST_EVERY).isBefore(now)) {
            return deliveries.open(delivery, reload(account, now).secrets());
        }
        return opened;
    }

    private Secrets reload(RendererAccount account, Instant now) {
        List<WebhookSecret> loaded = new ArrayList<>();
        if (account.equals(serviceAccount)) {
            loaded.addAll(configuredSecrets);
        }
        loaded.addAll(registrations.signingSecrets(account));
        Secrets fresh = new Secrets(List.copyOf(loaded), now);
        // Only accounts that have secrets are remembered, so calls to made-up addresses cannot fill the map.
        if (loaded.isEmpty()) {
            secretsByAccount.remove(account);
        } else {
            secretsByAccount.put(account, fresh);
        }
        return fresh;
    }

    private record Secrets(List<WebhookSecret> secrets, Instant loadedAt) {
    }
}
