package dev.avatarvideo.application.port.in.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.domain.CaptionChoice;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.BackgroundFields;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.VoiceFields;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.SceneBackground;
import dev.avatarvideo.domain.VoiceSettings;
import dev.avatarvideo.domain.TenantId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenerateAvatarVideoCommandTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final SceneFields GOOD = new SceneFields("sim-avatar-anna", "sim-voice-en-1", "Hello");

    @Test
    void defaultsTo720pLandscape() {
        GenerateAvatarVideoCommand command = GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(GOOD));

        assertThat(command.resolution()).isEqualTo(Resolution.P720);
        assertThat(command.aspectRatio()).isEqualTo(AspectRatio.LANDSCAPE_16_9);
    }

    @Test
    void namesTheOffendingFieldWithItsPath() {
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, null), "scenes");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of()), "scenes");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null,
                List.of(GOOD, new SceneFields("a", "v", ""))), "scenes[1].script");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, Arrays.asList(GOOD, null)), "scenes[1]");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, "999p", null, List.of(GOOD)), "resolution");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, "3:2", List.of(GOOD)), "aspectRatio");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, "t".repeat(300), null, null, List.of(GOOD)), "title");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, Collections.nCopies(51, GOOD)), "scenes");
    }

    @Test
    void carriesVoiceSettingsBackgroundsAndCaptions() {
        GenerateAvatarVideoCommand command = GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, CaptionChoice.SIDECAR, List.of(
                new SceneFields("a", "v", "one", new VoiceFields(1.2, null, 0.5, "en-GB"), new BackgroundFields("#1a2b3c", null)),
                new SceneFields("b", "v", "two", null, null)));
        GenerateAvatarVideoCommand onImage = GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(
                new SceneFields("b", "v", "two", null, new BackgroundFields(null, "https://cdn.example/office.jpg"))));

        assertThat(command.captions()).isEqualTo(CaptionChoice.SIDECAR);
        assertThat(command.scenes().get(0).voice()).contains(new VoiceSettings(1.2, 0, 0.5, Optional.of("en-GB")));
        assertThat(command.scenes().get(0).background()).contains(new SceneBackground.Color("#1A2B3C"));
        assertThat(command.scenes().get(1).voice()).isEmpty();
        assertThat(command.scenes().get(1).background()).isEmpty();
        assertThat(onImage.scenes().getFirst().background()).contains(SceneBackground.Image.of("https://cdn.example/office.jpg"));
        assertThat(GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(GOOD)).captions()).isEqualTo(CaptionChoice.NONE);
    }

    @Test
    void anImageBackgroundIsRefusedInAVideoOfSeveralScenes() {
        // HeyGen renders several scenes as a studio video, whose scenes take colour backgrounds only.
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(GOOD,
                new SceneFields("b", "v", "two", null, new BackgroundFields(null, "https://cdn.example/office.jpg")))),
                "scenes[1].background.imageUrl");
    }

    @Test
    void namesTheOffendingOptionWithItsPath() {
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(
                new SceneFields("a", "v", "s", new VoiceFields(3.0, null, null, null), null))), "scenes[0].voice.speed");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(GOOD,
                new SceneFields("a", "v", "s", new VoiceFields(null, -60.0, null, null), null))), "scenes[1].voice.pitch");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(
                new SceneFields("a", "v", "s", new VoiceFields(null, null, 1.5, null), null))), "scenes[0].voice.volume");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(
                new SceneFields("a", "v", "s", new VoiceFields(null, null, null, "english please"), null))), "scenes[0].voice.locale");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(
                new SceneFields("a", "v", "s", null, new BackgroundFields("red", null)))), "scenes[0].background.color");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(
                new SceneFields("a", "v", "s", null, new BackgroundFields(null, "ftp://x/y.png")))), "scenes[0].background.imageUrl");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(
                new SceneFields("a", "v", "s", null, new BackgroundFields("#FFFFFF", "https://x/y.png")))), "scenes[0].background.color");
    }

    private static void assertField(Runnable action, String field) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
