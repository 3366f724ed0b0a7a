package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.AvatarType;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Ids the renderer account does not offer are refused at once, naming the scene; when the renderer cannot say, nothing is. */
class RendererIdCheckTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final RendererCredentials KEY = new RendererCredentials("renderer-key");
    private static final Scene ANNA = new Scene("sim-avatar-anna", "sim-voice-en-1", "Hello");

    private final InMemoryRendererCatalog renderer = new InMemoryRendererCatalog().accept(KEY)
            .addLook(InMemoryRendererCatalog.look("sim-avatar-anna", AvatarType.STUDIO_AVATAR), Ownership.PUBLIC)
            .addLook(InMemoryRendererCatalog.look("sim-avatar-dana-twin", AvatarType.DIGITAL_TWIN), Ownership.PRIVATE)
            .addVoice(InMemoryRendererCatalog.voice("sim-voice-en-1", "English", "female", Ownership.PUBLIC))
            .addVoice(InMemoryRendererCatalog.voice("sim-voice-clone-1", "English", "female", Ownership.PRIVATE));
    private final RendererIdCheck check = new RendererIdCheck(renderer, tenant -> KEY, Duration.ofSeconds(5));

    @Test
    void knownPublicAndPrivateLooksAndVoicesPass() {
        assertThatNoException().isThrownBy(() -> check.requireKnown(TENANT, List.of(ANNA,
                new Scene("sim-avatar-dana-twin", "sim-voice-clone-1", "My own voice"))));
    }

    @Test
    void anUnknownAvatarIsRefusedNamingItsScene() {
        assertThatThrownBy(() -> check.requireKnown(TENANT, List.of(ANNA, new Scene("sim-avatar-ana", "sim-voice-en-1", "Typo"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("scenes[1].avatarId");
                    assertThat(e.getMessage()).contains("'sim-avatar-ana'").contains("GET /api/avatars");
                });
    }

    @Test
    void anUnknownVoiceIsRefusedNamingItsScene() {
        assertThatThrownBy(() -> check.requireKnown(TENANT, List.of(new Scene("sim-avatar-anna", "sim-voice-xx", "Typo"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("scenes[0].voiceId"));
    }

    @Test
    void anIdMissingFromTheRememberedListingIsLookedUpOnceMoreBeforeItIsRefused() {
        AtomicInteger currentCalls = new AtomicInteger();
        RendererCatalog remembersAnOldListing = new RendererCatalog() {
            @Override
            public RendererAnswer<List<AvatarLook>> avatarLooks(RendererCredentials credentials, AvatarLookFilter filter) {
                return new RendererAnswer.Answered<>(List.of());
            }

            @Override
            public RendererAnswer<List<Voice>> voices(RendererCredentials credentials, VoiceFilter filter) {
                return renderer.voices(credentials, filter);
            }

            @Override
            public RendererAnswer<List<AvatarLook>> currentAvatarLooks(RendererCredentials credentials, AvatarLookFilter filter) {
                currentCalls.incrementAndGet();
                return renderer.avatarLooks(credentials, filter);
            }
        };
        RendererIdCheck rechecking = new RendererIdCheck(remembersAnOldListing, tenant -> KEY, Duration.ofSeconds(5));

        assertThatNoException().as("new since the listing was remembered").isThrownBy(() -> rechecking.requireKnown(TENANT, List.of(ANNA)));
        assertThat(currentCalls).hasValue(1);
        assertThatThrownBy(() -> rechecking.requireKnown(TENANT, List.of(new Scene("sim-avatar-ana", "sim-voice-en-1", "Typo"))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(currentCalls).hasValue(2);
    }

    @Test
    void whenTheRendererCannotSayEveryIdIsLetThroughForTheRenderToDecide() {
        Scene typo = new Scene("sim-avatar-ana", "sim-voice-xx", "Typo");
        for (RendererAnswer<?> failure : List.of(new RendererAnswer.Unavailable<>("HeyGen is down"), new RendererAnswer.KeyRejected<>("revoked"),
                new RendererAnswer.RateLimited<>(Duration.ofSeconds(30)))) {
            renderer.failWith(failure);

            assertThatNoException().as(failure.toString()).isThrownBy(() -> check.requireKnown(TENANT, List.of(typo)));
        }
    }

    @Test
    void aRendererSlowerThanThePatienceIsNotWaitedFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RendererCatalog hanging = new RendererCatalog() {
            @Override
            public RendererAnswer<List<AvatarLook>> avatarLooks(RendererCredentials credentials, AvatarLookFilter filter) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new RendererAnswer.Answered<>(List.of());
            }

            @Override
            public RendererAnswer<List<Voice>> voices(RendererCredentials credentials, VoiceFilter filter) {
                return renderer.voices(credentials, filter);
            }
        };
        RendererIdCheck impatient = new RendererIdCheck(hanging, tenant -> KEY, Duration.ofMillis(100));

        assertThatNoException().isThrownBy(() -> impatient.requireKnown(TENANT, List.of(new Scene("sim-avatar-ana", "sim-voice-en-1", "Typo"))));
        assertThat(release.getCount()).as("answered while the listing was still on its way").isEqualTo(1);
        release.countDown();
    }
}
