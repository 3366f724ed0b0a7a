package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderedVideo;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VideoRenderer} must do with a video it accepts: the HeyGen adapter against the simulator, and the
 * scripted fake the service tests drive, whose default script must behave the same way. How a render comes to finish
 * differs (the simulator renders, the fake is told), so {@link #finish} lets it.
 */
public abstract class VideoRendererContract {

    protected abstract VideoRenderer renderer();

    /** Lets the accepted render of {@code video} finish, and returns once the renderer reports it completed. */
    protected abstract void finish(AvatarVideo video, RenderId render);

    /** A scene the renderer knows (its avatar and voice exist). */
    protected abstract Scene knownScene();

    @Test
    void submittingTheSameVideoAgainStartsNoSecondRender() {
        AvatarVideo video = video();

        RenderId first = accepted(renderer().submit(video));
        RenderId again = accepted(renderer().submit(video));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void anAcceptedRenderIsUnderwayThenCompletedWithALinkItsFileDownloadsFrom() throws Exception {
        AvatarVideo video = video();
        RenderId render = accepted(renderer().submit(video));

        assertThat(renderer().status(render)).isInstanceOfAny(RenderStatus.Pending.class, RenderStatus.Processing.class,
                RenderStatus.Completed.class);
        finish(video, render);

        RenderStatus status = renderer().status(render);
        assertThat(status).isInstanceOf(RenderStatus.Completed.class);
        RenderStatus.Completed completed = (RenderStatus.Completed) status;
        assertThat(completed.files()).as("a single status names where to fetch the file").isPresent();
        assertThat(completed.files().orElseThrow().video().expiresAt()).isAfter(Instant.now());
        try (RenderedVideo file = renderer().download(completed.files().orElseThrow().video())) {
            byte[] bytes = file.content().readAllBytes();
            assertThat(bytes).isNotEmpty();
            assertThat(file.contentType()).isEqualTo("video/mp4");
            if (file.length().isPresent()) {
                assertThat(file.length().getAsLong()).as("the announced length").isEqualTo(bytes.length);
            }
        }
    }

    @Test
    void bulkStatusesAnswerForEveryIdAskedAndAnUnknownOneIsNotFound() {
        List<RenderId> asked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            asked.add(accepted(renderer().submit(video())));
        }
        RenderId unknown = new RenderId("never-created-" + VideoId.newId());
        asked.add(unknown);

        Map<RenderId, RenderStatus> statuses = renderer().statuses(asked);

        assertThat(statuses).containsOnlyKeys(asked);
        assertThat(statuses.get(unknown)).isInstanceOf(RenderStatus.NotFound.class);
        asked.subList(0, 3).forEach(id -> assertThat(statuses.get(id))
                .isInstanceOfAny(RenderStatus.Pending.class, RenderStatus.Processing.class, RenderStatus.Completed.class));
        assertThat(renderer().statuses(List.of())).isEmpty();
    }

    @Test
    void anUnknownRenderIsNotFoundNotFailed() {
        assertThat(renderer().status(new RenderId("never-created-" + VideoId.newId()))).isInstanceOf(RenderStatus.NotFound.class);
    }

    @Test
    void moreIdsThanTheBatchLimitAreRefusedBeforeAnythingIsAsked() {
        List<RenderId> tooMany = new ArrayList<>();
        for (int i = 0; i <= renderer().statusBatchLimit(); i++) {
            tooMany.add(new RenderId("r-" + i));
        }

        assertThatThrownBy(() -> renderer().statuses(tooMany)).isInstanceOf(IllegalArgumentException.class);
    }

    private AvatarVideo video() {
        return AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), "Course intro", List.of(knownScene()), Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, Instant.now());
    }

    private static RenderId accepted(SubmitOutcome outcome) {
        assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
        return ((SubmitOutcome.Accepted) outcome).renderId();
    }
}
