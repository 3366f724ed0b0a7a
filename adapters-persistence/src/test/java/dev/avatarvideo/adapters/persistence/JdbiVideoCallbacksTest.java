package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.VideoCallbacksContract;
import dev.avatarvideo.application.port.out.notification.Outbox.Delivery;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The callbacks' contract on a real PostgreSQL, and the rule that lives in its trigger: a video's callback hears every
 * status change after the request (the request's own answer said QUEUED), signed with the tenant's callback secret.
 */
class JdbiVideoCallbacksTest extends VideoCallbacksContract {

    private static final AesGcmSealing KEY = DatabaseForTests.randomSealing();
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static PostgresDatabase database;

    @BeforeAll
    static void connect() {
        database = DatabaseForTests.migrated().database();
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Override
    protected Store newStore() {
        return new Store(database.videos(), database.videoCallbacks());
    }

    @Test
    void theCallbackHearsEveryChangeAfterTheRequestAtItsUrlSignedWithTheTenantsSecret() {
        TenantId tenant = TenantId.of("callbacks");
        SigningSecret secret = database.callbackSecrets(KEY).findOrAdd(tenant, SigningSecret.generate());
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), tenant, "cb", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.SQUARE, T0);
        NotificationUrl url = NotificationUrl.parse("callbackUrl", "https://platform.example/cb/" + video.id());
        database.transactions().inTransaction(() -> {
            database.videos().add(video);
            database.videoCallbacks().register(tenant, video.id(), url);
        });
        AvatarVideo rendering = database.videos().update(video.startRendering(new RenderId("r-" + video.id()), T0.plusSeconds(1)));
        database.videos().update(rendering.fail(new VideoFailure("render_failed", "no"), T0.plusSeconds(2)));

        List<Delivery> deliveries = database.outbox(KEY).claimDue(T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1), 100).stream()
                .filter(d -> d.url().equals(url)).toList();

        assertThat(deliveries).extracting(d -> d.event().status()).containsExactlyInAnyOrder(VideoStatus.RENDERING, VideoStatus.FAILED);
        assertThat(deliveries).allSatisfy(d -> assertThat(d.secret()).contains(secret));
    }

    @Test
    void aCallbackForAVideoThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> database.videoCallbacks().register(TenantId.of("callbacks"), VideoId.newId(),
                NotificationUrl.parse("callbackUrl", "https://platform.example/cb/none"))).isInstanceOf(RuntimeException.class);
    }
}
