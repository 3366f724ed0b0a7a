package dev.avatarvideo.adapters.heygen;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.AvatarType;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.VoiceFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The listing cache on an in-memory catalog and a hand-moved clock: what waits, what refreshes, what is never kept. */
class CachingRendererCatalogTest {

    private static final RendererCredentials KEY = new RendererCredentials("key-one");
    private static final RendererCredentials OTHER_KEY = new RendererCredentials("key-two");
    private static final Duration REFRESH_AFTER = Duration.ofMinutes(10);

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final List<Runnable> backgroundRefreshes = new ArrayList<>();
    private final InMemoryRendererCatalog renderer = new InMemoryRendererCatalog().accept(KEY).accept(OTHER_KEY)
            .addLook(InMemoryRendererCatalog.look("anna", AvatarType.STUDIO_AVATAR), Ownership.PUBLIC)
            .addVoice(InMemoryRendererCatalog.voice("emma", "English", "female", Ownership.PUBLIC));
    private final CachingRendererCatalog cache = new CachingRendererCatalog(renderer, REFRESH_AFTER, Duration.ofHours(24),
            backgroundRefreshes::add, ticker);

    @Test
    void theSecondListingIsAnsweredWithoutAskingTheRenderer() {
        RendererAnswer<List<AvatarLook>> first = cache.avatarLooks(KEY, AvatarLookFilter.ALL);
        RendererAnswer<List<AvatarLook>> second = cache.avatarLooks(KEY, AvatarLookFilter.ALL);

        assertThat(second).isEqualTo(first);
        assertThat(renderer.calls("avatarLooks")).isEqualTo(1);
    }

    @Test
    void aCurrentListingAsksTheRendererAndIsRememberedButNotMoreThanOnceInHalfAMinute() {
        cache.avatarLooks(KEY, AvatarLookFilter.ALL);
        renderer.addLook(InMemoryRendererCatalog.look("ben", AvatarType.STUDIO_AVATAR), Ownership.PUBLIC);
        advance(CachingRendererCatalog.CURRENT_ENOUGH.minusSeconds(1));
        assertThat(cache.currentAvatarLooks(KEY, AvatarLookFilter.ALL).answered().orElseThrow()).as("loaded moments ago: answered as is")
                .extracting(AvatarLook::id).containsExactly("anna");
        assertThat(renderer.calls("avatarLooks")).isEqualTo(1);

        advance(Duration.ofSeconds(2));
        assertThat(cache.currentAvatarLooks(KEY, AvatarLookFilter.ALL).answered().orElseThrow()).extracting(AvatarLook::id)
                .containsExactly("anna", "ben");
        assertThat(renderer.calls("avatarLooks")).isEqualTo(2);
        assertThat(cache.avatarLooks(KEY, AvatarLookFilter.ALL).answered().orElseThrow()).as("remembered for the next read")
                .extracting(AvatarLook::id).containsExactly("anna", "ben");
        assertThat(cache.currentAvatarLooks(KEY, AvatarLookFilter.ALL).answered()).isPresent();
        assertThat(renderer.calls("avatarLooks")).as("a burst of current reads costs one listing").isEqualTo(2);
    }

    @Test
    void aCurrentListingTheRendererCannotGiveIsAnsweredAsSuchAndTheRememberedOneKept() {
        cache.voices(KEY, VoiceFilter.ALL);
        advance(Duration.ofMinutes(1));
        renderer.failWith(new RendererAnswer.Unavailable<>("HeyGen is down"));

        assertThat(cache.currentVoices(KEY, VoiceFilter.ALL)).isInstanceOf(RendererAnswer.Unavailable.class);
        renderer.failWith(null);
        assertThat(cache.voices(KEY, VoiceFilter.ALL).answered()).isPresent();
        assertThat(renderer.calls("voices")).isEqualTo(2);
    }

    @Test
    void anOldListingIsAnsweredAtOnceAndRefreshedInTheBackground() {
        cache.avatarLooks(KEY, AvatarLookFilter.ALL);
        renderer.addLook(InMemoryRendererCatalog.look("ben", AvatarType.STUDIO_AVATAR), Ownership.PUBLIC);
        advance(REFRESH_AFTER.plusSeconds(1));

        List<AvatarLook> stale = cache.avatarLooks(KEY, AvatarLookFilter.ALL).answered().orElseThrow();
        assertThat(stale).extracting(AvatarLook::id).containsExactly("anna");
        assertThat(renderer.calls("avatarLooks")).as("the read did not wait for the renderer").isEqualTo(1);

        runBackgroundRefreshes();
        assertThat(renderer.calls("avatarLooks")).isEqualTo(2);
        assertThat(cache.avatarLooks(KEY, AvatarLookFilter.ALL).answered().orElseThrow()).extracting(AvatarLook::id).containsExactly("anna", "ben");
    }

    @Test
    void failuresAreAnsweredButNeverKept() {
        renderer.failWith(new RendererAnswer.Unavailable<>("HTTP 503"));
        assertThat(cache.voices(KEY, VoiceFilter.ALL)).isEqualTo(new RendererAnswer.Unavailable<>("HTTP 503"));

        renderer.failWith(null);
        assertThat(cache.voices(KEY, VoiceFilter.ALL)).isInstanceOf(RendererAnswer.Answered.class);
        assertThat(renderer.calls("voices")).isEqualTo(2);
    }

    @Test
    void aRefreshThatFailsKeepsTheListingWeHad() {
        cache.avatarLooks(KEY, AvatarLookFilter.ALL);
        renderer.failWith(new RendererAnswer.RateLimited<>(Duration.ofSeconds(30)));
        advance(REFRESH_AFTER.plusSeconds(1));

        cache.avatarLooks(KEY, AvatarLookFilter.ALL);
        runBackgroundRefreshes();

        assertThat(cache.avatarLooks(KEY, AvatarLookFilter.ALL).answered().orElseThrow()).extracting(AvatarLook::id).containsExactly("anna");
    }

    @Test
    void aRefreshTheRendererRefusesTheKeyForDropsTheListing() {
        cache.avatarLooks(KEY, AvatarLookFilter.ALL);
        renderer.failWith(new RendererAnswer.KeyRejected<>("revoked"));
        advance(REFRESH_AFTER.plusSeconds(1));

        cache.avatarLooks(KEY, AvatarLookFilter.ALL);
        runBackgroundRefreshes();

        assertThat(cache.avatarLooks(KEY, AvatarLookFilter.ALL)).isEqualTo(new RendererAnswer.KeyRejected<>("revoked"));
    }

    @Test
    void listingsAreKeptPerKeyAndPerFilter() {
        cache.avatarLooks(KEY, AvatarLookFilter.ALL);
        cache.avatarLooks(OTHER_KEY, AvatarLookFilter.ALL);
        cache.avatarLooks(KEY, new AvatarLookFilter(Optional.of(AvatarType.DIGITAL_TWIN), Optional.empty()));
        cache.avatarLooks(KEY, new AvatarLookFilter(Optional.of(AvatarType.DIGITAL_TWIN), Optional.empty()));

        assertThat(renderer.calls("avatarLooks")).isEqualTo(3);
    }

    @Test
    void aListingNobodyReadsIsForgottenAfterItExpires() {
        cache.avatarLooks(KEY, AvatarLookFilter.ALL);
        advance(Duration.ofHours(25));

        cache.avatarLooks(KEY, AvatarLookFilter.ALL);

        assertThat(renderer.calls("avatarLooks")).as("expired, so loaded anew while reading, not refreshed later").isEqualTo(2);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    private void runBackgroundRefreshes() {
        List<Runnable> due = new ArrayList<>(backgroundRefreshes);
        backgroundRefreshes.clear();
        due.forEach(Runnable::run);
    }
}
