package dev.avatarvideo.application.service;

import static dev.avatarvideo.application.service.ServiceTestKit.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent;
import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent.Receipt;
import dev.avatarvideo.application.port.in.rendering.RenderEventCommand;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.ContentFields;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.application.port.out.runtime.WorkSignals;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The in-ports that hand the background work something new tell it so, once, and only when there is something. */
class WorkSignallingTest {

    private final ServiceTestKit kit = new ServiceTestKit();
    private final CountedSignals signals = new CountedSignals();

    @Test
    void aQueuedVideoSignalsOnceAndARefusedRequestNotAtAll() {
        SignallingGenerateAvatarVideo generate = new SignallingGenerateAvatarVideo(kit.generate, signals);

        AvatarVideo video = generate.generate(GenerateAvatarVideoCommand.fromFields(TENANT, "Lesson", "720p", "16:9",
                List.of(new SceneFields("sim-avatar-anna", "sim-voice-en-1", "Hello."))));
        assertThatThrownBy(() -> generate.generate(GenerateAvatarVideoCommand.fromFields(TENANT, "Lesson", "720p", "16:9", List.of())))
                .isInstanceOf(InvalidInputException.class);

        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(signals.queued).isEqualTo(1);
        assertThat(signals.accepted).isZero();
    }

    @Test
    void aSavedTopicSignalsThatItsVideosAreQueued() {
        SignallingSaveTopic save = new SignallingSaveTopic(kit.topicSaver, signals);

        save.save(SaveTopicCommand.fromFields(TENANT, "Week 1", "en", List.of(new ContentFields("text", "Read this.", null, null, null, null)),
                Map.of()));

        assertThat(kit.topics.list(TENANT, 10, Optional.empty()).topics()).hasSize(1);
        assertThat(signals.queued).isEqualTo(1);
    }

    @Test
    void aRetriedVideoSignalsAndAnUnknownOneDoesNot() {
        AvatarVideo failed = kit.videos.update(kit.request("Broken").fail(new VideoFailure("render_failed", "the renderer gave up"), kit.clock.now()));
        SignallingRetryAvatarVideo retry = new SignallingRetryAvatarVideo(new VideoRetrier(kit.videos, kit.clock), signals);

        assertThat(retry.retry(TENANT, VideoId.newId())).isEmpty();
        assertThat(signals.queued).isZero();
        assertThat(retry.retry(TENANT, failed.id())).map(AvatarVideo::status).contains(VideoStatus.QUEUED);
        assertThat(signals.queued).isEqualTo(1);
    }

    @Test
    void onlyAnAcceptedRenderEventSignals() {
        RenderEventCommand call = new RenderEventCommand("{}".getBytes(StandardCharsets.UTF_8), List.of(), Optional.empty());
        for (Receipt receipt : Receipt.values()) {
            ReceiveRenderEvent receiver = command -> receipt;

            assertThat(new SignallingReceiveRenderEvent(receiver, signals).receive(call)).isEqualTo(receipt);
        }

        assertThat(signals.accepted).isEqualTo(1);
        assertThat(signals.queued).isZero();
    }

    /** Counts the signals; the background loops they would wake are the runtime adapter's. */
    private static final class CountedSignals implements WorkSignals {

        int queued;
        int accepted;

        @Override
        public void videoQueued() {
            queued++;
        }

        @Override
        public void renderEventAccepted() {
            accepted++;
        }
    }
}
