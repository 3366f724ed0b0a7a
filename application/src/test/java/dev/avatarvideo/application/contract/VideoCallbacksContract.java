package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.out.video.VideoCallbacks;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link VideoCallbacks} must do, for the in-memory fake and the database alike. What a callback then hears is
 * queued by the database's trigger and tested with the database adapter.
 */
public abstract class VideoCallbacksContract {

    /** The callbacks and the videos they belong to, sharing one store. */
    public record Store(Videos videos, VideoCallbacks callbacks) {
    }

    protected abstract Store newStore();

    @Test
    void aVideoHasOneCallbackAndASecondIsRefused() {
        Store store = newStore();
        TenantId tenant = TenantId.of("acme");
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), tenant, "with callback", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.SQUARE, Instant.parse("2026-11-21T10:00:00Z"));
        store.videos().add(video);

        assertThatCode(() -> store.callbacks().register(tenant, video.id(), NotificationUrl.parse("callbackUrl", "https://platform.example/cb/1")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> store.callbacks().register(tenant, video.id(), NotificationUrl.parse("callbackUrl", "https://platform.example/cb/2")))
                .isInstanceOf(RuntimeException.class);
    }
}
