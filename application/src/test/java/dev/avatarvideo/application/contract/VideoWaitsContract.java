package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.video.VideoWaits;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.VideoWaiting;
import dev.avatarvideo.domain.VideoWaiting.Reason;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link VideoWaits} must do; the in-memory fake and the database adapter pass the same tests. */
public abstract class VideoWaitsContract {

    private static final TenantId ACME = TenantId.of("acme");
    private static final RendererAccount ACCOUNT_A = new RendererAccount("aaaaaaaaaaaa");
    private static final RendererAccount ACCOUNT_B = new RendererAccount("bbbbbbbbbbbb");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private Videos videos;
    private VideoWaits waits;

    /** Empty videos and the waits that go with them. */
    protected abstract Videos newVideos();

    protected abstract VideoWaits waitsOf(Videos videos);

    @BeforeEach
    void setUp() {
        videos = newVideos();
        waits = waitsOf(videos);
    }

    @Test
    void marksEveryQueuedVideoOfTheTenantsAndNoOther() {
        AvatarVideo queued = queued(ACME);
        AvatarVideo otherTenant = queued(GLOBEX);
        AvatarVideo rendering = videos.update(queued(ACME).startRendering(new RenderId("r-1"), T0));

        waits.markQueued(ACCOUNT_A, Set.of(ACME), unreachable("first", T0));

        assertThat(waits.current(ACME, List.of(queued.id(), rendering.id())))
                .isEqualTo(Map.of(queued.id(), unreachable("first", T0)));
        assertThat(waits.current(GLOBEX, List.of(otherTenant.id()))).isEmpty();
        assertThat(waits.current(GLOBEX, List.of(queued.id()))).as("another tenant's video").isEmpty();
    }

    @Test
    void theSameReasonKeepsItsSinceAndTakesTheNewestDetailAnotherReasonStartsAgain() {
        AvatarVideo video = queued(ACME);
        waits.markQueued(ACCOUNT_A, Set.of(ACME), unreachable("first", T0));
        waits.markQueued(ACCOUNT_A, Set.of(ACME), unreachable("second", T0.plusSeconds(30)));

        assertThat(waits.current(ACME, List.of(video.id())).get(video.id())).isEqualTo(unreachable("second", T0));

        VideoWaiting limited = new VideoWaiting(Reason.HEYGEN_RATE_LIMITED, "wait", T0.plusSeconds(60));
        waits.markQueued(ACCOUNT_A, Set.of(ACME), limited);
        assertThat(waits.current(ACME, List.of(video.id())).get(video.id())).isEqualTo(limited);
    }

    @Test
    void aVideoThatMovedOnNoLongerWaits() {
        AvatarVideo video = queued(ACME);
        waits.markQueued(ACCOUNT_A, Set.of(ACME), unreachable("down", T0));

        videos.update(video.startRendering(new RenderId("r-2"), T0.plusSeconds(1)));

        assertThat(waits.current(ACME, List.of(video.id()))).isEmpty();
    }

    @Test
    void clearingEndsTheAccountsWaitsInThatStatusOnly() {
        AvatarVideo queued = queued(ACME);
        AvatarVideo rendering = videos.update(queued(ACME).startRendering(new RenderId("r-3"), T0));
        AvatarVideo elsewhere = queued(GLOBEX);
        waits.markQueued(ACCOUNT_A, Set.of(ACME), unreachable("down", T0));
        waits.markQueued(ACCOUNT_B, Set.of(GLOBEX), unreachable("down", T0));
        waits.mark(ACCOUNT_A, rendering.id(), VideoStatus.RENDERING, unreachable("down", T0));

        waits.clear(ACCOUNT_A, VideoStatus.QUEUED);

        assertThat(waits.current(ACME, List.of(queued.id(), rendering.id()))).containsOnlyKeys(rendering.id());
        assertThat(waits.current(GLOBEX, List.of(elsewhere.id()))).containsOnlyKeys(elsewhere.id());
    }

    private AvatarVideo queued(TenantId tenant) {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), tenant, "waiting", List.of(new Scene("sim-avatar-anna", "sim-voice-en-1", "Hi")),
                Resolution.P720, AspectRatio.LANDSCAPE_16_9, dev.avatarvideo.domain.CaptionChoice.NONE, T0);
        videos.add(video);
        return video;
    }

    private static VideoWaiting unreachable(String detail, Instant since) {
        return new VideoWaiting(Reason.HEYGEN_UNREACHABLE, detail, since.truncatedTo(ChronoUnit.MICROS));
    }
}
