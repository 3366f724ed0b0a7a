package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.AvatarType;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RendererCatalog} in memory: per-key looks and voices filtered as HeyGen filters them (voices without an
 * ownership filter are the public ones). Counts calls so tests can see what a cache saves.
 */
public final class InMemoryRendererCatalog implements RendererCatalog {

    private record LookEntry(AvatarLook look, Ownership ownership) {
    }

    private final Set<RendererCredentials> accepted = ConcurrentHashMap.newKeySet();
    private final List<LookEntry> looks = new CopyOnWriteArrayList<>();
    private final List<Voice> voices = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile RendererAnswer<?> failure;

    public InMemoryRendererCatalog accept(RendererCredentials credentials) {
        accepted.add(credentials);
        return this;
    }

    public InMemoryRendererCatalog addLook(AvatarLook look, Ownership ownership) {
        looks.add(new LookEntry(look, ownership));
        return this;
    }

    public InMemoryRendererCatalog addVoice(Voice voice) {
        voices.add(voice);
        return this;
    }

    /** From now on every call answers {@code answer} (a failure) instead of a listing; {@code null} restores listings. */
    public void failWith(RendererAnswer<?> answer) {
        this.failure = answer;
    }

    public int calls(String operation) {
        return calls.computeIfAbsent(operation, o -> new AtomicInteger()).get();
    }

    @Override
    public RendererAnswer<List<AvatarLook>> avatarLooks(RendererCredentials credentials, AvatarLookFilter filter) {
        calls.computeIfAbsent("avatarLooks", o -> new AtomicInteger()).incrementAndGet();
        Optional<RendererAnswer<List<AvatarLook>>> refusal = refusal(credentials);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<AvatarLook> matching = new ArrayList<>();
        for (LookEntry entry : looks) {
            boolean typeMatches = filter.type().map(type -> type == entry.look().type()).orElse(true);
            boolean ownershipMatches = filter.ownership().map(ownership -> ownership == entry.ownership()).orElse(true);
            if (typeMatches && ownershipMatches) {
                matching.add(entry.look());
            }
        }
        return new RendererAnswer.Answered<>(List.copyOf(matching));
    }

    @Override
    public RendererAnswer<List<Voice>> voices(RendererCredentials credentials, VoiceFilter filter) {
        calls.computeIfAbsent("voices", o -> new AtomicInteger()).incrementAndGet();
        Optional<RendererAnswer<List<Voice>>> refusal = refusal(credentials);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Ownership ownership = filter.ownership().orElse(Ownership.PUBLIC);
        return new RendererAnswer.Answered<>(voices.stream()
                .filter(voice -> voice.ownership() == ownership)
                .filter(voice -> filter.gender().map(g -> voice.gender().map(g.label()::equals).orElse(false)).orElse(true))
                .filter(voice -> filter.language().map(l -> voice.language().toLowerCase(Locale.ROOT).equals(l.toLowerCase(Locale.ROOT))).orElse(true))
                .toList());
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<RendererAnswer<T>> refusal(RendererCredentials credentials) {
        if (failure != null) {
            return Optional.of((RendererAnswer<T>) failure);
        }
        if (!accepted.contains(credentials)) {
            return Optional.of(new RendererAnswer.KeyRejected<>("unknown API key"));
        }
        return Optional.empty();
    }

    /** A look with just what a listing needs. */
    public static AvatarLook look(String id, AvatarType type) {
        return new AvatarLook(id, id + " (test)", type, Optional.of("female"), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of());
    }

    public static Voice voice(String id, String language, String gender, Ownership ownership) {
        return new Voice(id, id + " (test)", language, Optional.of(gender), Optional.empty(), true, false, ownership);
    }
}
