package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.out.rendering.RendererAccounts;
import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Refuses at once a video whose scenes name an avatar look or a voice the tenant's renderer account does not offer, so
 * a typo is a 400 naming {@code scenes[i].avatarId} instead of a video that fails minutes later. An id missing from the
 * remembered listing is looked up once more in a current one before it is refused (it may be new). When the renderer
 * cannot say, within {@code patience} or at all, the video is accepted and the render decides, as without this check.
 */
public final class RendererIdCheck {

    /** How long a request waits for a listing by default: a cold listing of a large account takes longer and is not waited for. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(3);
    /** Voices come as two listings: the shared library, and the account's own (cloned) voices. */
    private static final List<VoiceFilter> EVERY_VOICE = List.of(VoiceFilter.ALL,
            new VoiceFilter(Optional.empty(), Optional.empty(), Optional.of(Ownership.PRIVATE)));

    private final RendererCatalog catalog;
    private final RendererAccounts accounts;
    private final Duration patience;

    public RendererIdCheck(RendererCatalog catalog, RendererAccounts accounts, Duration patience) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.patience = patience;
    }

    /** @throws InvalidInputException naming the first scene whose avatar look or voice the account does not offer */
    public void requireKnown(TenantId tenant, List<Scene> scenes) {
        RendererCredentials credentials = accounts.credentialsFor(tenant);
        requireKnown(scenes, Scene::avatarId, "avatarId", "avatar look", "GET /api/avatars",
                () -> ids(List.of(() -> catalog.avatarLooks(credentials, AvatarLookFilter.ALL)), AvatarLook::id),
                () -> ids(List.of(() -> catalog.currentAvatarLooks(credentials, AvatarLookFilter.ALL)), AvatarLook::id));
        requireKnown(scenes, Scene::voiceId, "voiceId", "voice", "GET /api/voices (your own: ?type=private)",
                () -> ids(EVERY_VOICE.stream().<Supplier<RendererAnswer<List<Voice>>>>map(f -> () -> catalog.voices(credentials, f)).toList(),
                        Voice::id),
                () -> ids(EVERY_VOICE.stream().<Supplier<RendererAnswer<List<Voice>>>>map(f -> () -> catalog.currentVoices(credentials, f))
                        .toList(), Voice::id));
    }

    private void requireKnown(List<Scene> scenes, Function<Scene, String> idOf, String field, String what, String listing,
                              Supplier<Optional<Set<String>>> remembered, Supplier<Optional<Set<String>>> current) {
        Set<String> named = new HashSet<>(scenes.stream().map(idOf).toList());
        Optional<Set<String>> known = within(remembered);
        if (known.isEmpty() || known.get().containsAll(named)) {
            return;
        }
        known = within(current);
        if (known.isEmpty()) {
            return;
        }
        for (int i = 0; i < scenes.size(); i++) {
            String id = idOf.apply(scenes.get(i));
            if (!known.get().contains(id)) {
                throw new InvalidInputException("scenes[" + i + "]." + field, "your HeyGen account has no " + what + " '" + id + "'; "
                        + listing + " lists those it has");
            }
        }
    }

    /** Every id of the listings, or empty when any of them did not come (the renderer refused, failed or was slow). */
    private static <T> Optional<Set<String>> ids(List<Supplier<RendererAnswer<List<T>>>> listings, Function<T, String> idOf) {
        Set<String> ids = new HashSet<>();
        for (Supplier<RendererAnswer<List<T>>> listing : listings) {
            Optional<List<T>> answered = listing.get().answered();
            if (answered.isEmpty()) {
                return Optional.empty();
            }
            answered.get().forEach(item -> ids.add(idOf.apply(item)));
        }
        return Optional.of(ids);
    }

    /**
     * The lookup on a thread of its own, waited for at most {@code patience}; one still running then goes on and fills
     * the catalog's memory for the next request.
     */
    private Optional<Set<String>> within(Supplier<Optional<Set<String>>> lookup) {
        CompletableFuture<Optional<Set<String>>> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("renderer-id-check").start(() -> {
            try {
                answer.complete(lookup.get());
            } catch (RuntimeException e) {
                answer.complete(Optional.empty());
            }
        });
        try {
            return answer.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
