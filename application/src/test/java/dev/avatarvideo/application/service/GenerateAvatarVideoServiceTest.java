package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoStatus;
import org.junit.jupiter.api.Test;

class GenerateAvatarVideoServiceTest {

    private final ServiceTestKit kit = new ServiceTestKit();

    @Test
    void queuesTheVideoWithoutTouchingTheRenderer() {
        AvatarVideo video = kit.request("Lesson 1");

        assertThat(video.status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(video.createdAt()).isEqualTo(kit.clock.now());
        assertThat(kit.reload(video.id())).isEqualTo(video);
        assertThat(kit.renderer.submissions()).isEmpty();
    }
}
