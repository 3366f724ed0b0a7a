package dev.avatarvideo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SceneOptionsTest {

    @Test
    void voiceSettingsAcceptHeyGensBoundsAndNothingBeyond() {
        assertThat(new VoiceSettings(0.5, -50, 0, Optional.empty())).isNotNull();
        assertThat(new VoiceSettings(1.5, 50, 1, Optional.of("pt-BR")).locale()).contains("pt-BR");
        assertThat(new VoiceSettings(1, 0, 1, Optional.of("  ")).locale()).isEmpty();
        assertThatThrownBy(() -> new VoiceSettings(0.49, 0, 1, Optional.empty()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("speed"));
        assertThatThrownBy(() -> new VoiceSettings(1, 50.5, 1, Optional.empty()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("pitch"));
        assertThatThrownBy(() -> new VoiceSettings(1, 0, Double.NaN, Optional.empty()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("volume"));
    }

    @Test
    void backgroundsAreAHexColourOrAnHttpsImage() {
        assertThat(new SceneBackground.Color("#a1b2c3").hex()).isEqualTo("#A1B2C3");
        assertThat(SceneBackground.Image.of(" https://cdn.example/a.png ").url().toString()).isEqualTo("https://cdn.example/a.png");
        assertThatThrownBy(() -> new SceneBackground.Color("blue")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SceneBackground.Image.of("file:///etc/passwd"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("imageUrl"));
    }

    @Test
    void anImageHeyGenCouldNotFetchIsRefusedAtOnce() {
        assertThat(SceneBackground.Image.of("https://93.184.216.34/a.png").url().getHost()).isEqualTo("93.184.216.34");
        for (String url : List.of("http://cdn.example/a.png", "https://localhost/a.png", "https://media.localhost/a.png",
                "https://127.0.0.1/a.png", "https://169.254.169.254/latest/meta-data/", "https://10.1.2.3/a.png", "https://[::1]/a.png",
                "https://[::ffff:192.168.0.1]/a.png", "https://0.0.0.0/a.png")) {
            assertThatThrownBy(() -> SceneBackground.Image.of(url)).as(url)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("imageUrl"));
        }
    }

    @Test
    void captionsStayWithTheVideoThroughItsLifecycle() {
        AvatarVideo requested = AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), null,
                List.of(new Scene("a", "v", "s")), Resolution.P720, AspectRatio.SQUARE, CaptionChoice.SIDECAR, Instant.EPOCH);

        AvatarVideo rendering = requested.startRendering(new RenderId("r1"), Instant.EPOCH.plusSeconds(1));

        assertThat(rendering.captions()).isEqualTo(CaptionChoice.SIDECAR);
        assertThat(rendering.withVersion(3).captions()).isEqualTo(CaptionChoice.SIDECAR);
        assertThat(AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), null, List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.SQUARE, Instant.EPOCH).captions()).isEqualTo(CaptionChoice.NONE);
    }
}
