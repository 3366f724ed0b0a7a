package dev.avatarvideo.adapters.heygen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.CaptionChoice;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SceneBackground;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VoiceSettings;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a creation sends to HeyGen for every option a video can carry, and how HeyGen's field names map back to ours. */
class HeyGenCreationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scene TUNED = new Scene("sim-avatar-anna", "sim-voice-en-1", "Welcome.",
            Optional.of(new VoiceSettings(1.2, -5, 0.8, Optional.of("en-GB"))), Optional.of(new SceneBackground.Color("#0A1B2C")));
    private static final Scene ON_IMAGE = new Scene("sim-avatar-ben", "sim-voice-en-2", "Next.",
            Optional.empty(), Optional.of(SceneBackground.Image.of("https://cdn.example/office.jpg")));
    private static final Scene ON_WHITE = new Scene("sim-avatar-ben", "sim-voice-en-2", "Next.",
            Optional.empty(), Optional.of(new SceneBackground.Color("#FFFFFF")));

    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(300)));
    private final HeyGenVideoRenderer renderer = new HeyGenVideoRenderer(Fixtures.settings(simulator));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aSingleSceneIsAnAvatarVideoWithVoiceSettingsABackgroundValueAndBurnedInCaptions() throws Exception {
        JsonNode body = body(video(List.of(TUNED), CaptionChoice.BURNED));

        assertThat(body.get("type").asText()).isEqualTo("avatar");
        assertThat(body.at("/voice_settings/speed").asDouble()).isEqualTo(1.2);
        assertThat(body.at("/voice_settings/pitch").asDouble()).isEqualTo(-5);
        assertThat(body.at("/voice_settings/volume").asDouble()).isEqualTo(0.8);
        assertThat(body.at("/voice_settings/locale").asText()).isEqualTo("en-GB");
        assertThat(body.at("/background/type").asText()).isEqualTo("color");
        assertThat(body.at("/background/value").asText()).isEqualTo("#0A1B2C");
        assertThat(body.at("/caption/file_format").asText()).isEqualTo("srt");
        assertThat(body.at("/caption/style").asText()).as("without a style HeyGen burns nothing in").isEqualTo("default");
        assertThat(body.get("resolution").asText()).isEqualTo("1080p");
        assertThat(body.get("aspect_ratio").asText()).isEqualTo("9:16");
    }

    @Test
    void eachCaptionChoiceAsksHeyGenForItsOwnCaptionObject() throws Exception {
        // video.go CreateVideoFromAvatar.caption: a sidecar SRT comes with any caption object; only "style" burns them in.
        for (List<Scene> scenes : List.of(List.of(TUNED), List.of(TUNED, ON_WHITE))) {
            assertThat(body(video(scenes, CaptionChoice.NONE)).has("caption")).as("none").isFalse();

            JsonNode sidecar = body(video(scenes, CaptionChoice.SIDECAR)).get("caption");
            assertThat(sidecar.path("file_format").asText()).isEqualTo("srt");
            assertThat(sidecar.has("style")).as("a style would burn the captions into the picture").isFalse();

            for (CaptionChoice burning : List.of(CaptionChoice.BURNED, CaptionChoice.BOTH)) {
                JsonNode caption = body(video(scenes, burning)).get("caption");
                assertThat(caption.path("file_format").asText()).as(burning.wireName()).isEqualTo("srt");
                assertThat(caption.path("style").asText()).as(burning.wireName()).isEqualTo("default");
            }
        }
    }

    @Test
    void severalScenesAreAStudioVideoWhoseScenesCarryTheirOwnOptions() throws Exception {
        JsonNode body = body(video(List.of(TUNED, ON_WHITE), CaptionChoice.NONE));

        assertThat(body.get("type").asText()).isEqualTo("studio");
        assertThat(body.at("/scenes/0/type").asText()).isEqualTo("avatar_video");
        assertThat(body.at("/scenes/0/input/voice_settings/speed").asDouble()).isEqualTo(1.2);
        assertThat(body.at("/scenes/0/input/background/color").asText()).isEqualTo("#0A1B2C");
        assertThat(body.at("/scenes/1/input/background/type").asText()).isEqualTo("color");
        assertThat(body.at("/scenes/1/input/background/color").asText()).isEqualTo("#FFFFFF");
        assertThat(body.at("/scenes/1/input").has("voice_settings")).isFalse();
        assertThat(body.has("caption")).isFalse();
    }

    @Test
    void heyGenAcceptsEveryOptionAndTheCopyWithBurnedInCaptionsIsTheOneHandedOut() {
        for (AvatarVideo captioned : List.of(video(List.of(TUNED, ON_WHITE), CaptionChoice.BURNED), video(List.of(ON_IMAGE), CaptionChoice.BURNED))) {
            SubmitOutcome outcome = renderer.submit(captioned);

            assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
            RenderId renderId = ((SubmitOutcome.Accepted) outcome).renderId();
            Fixtures.await("the render", Duration.ofSeconds(10), () -> renderer.status(renderId) instanceof RenderStatus.Completed);
            RenderStatus.Completed completed = (RenderStatus.Completed) renderer.status(renderId);
            assertThat(completed.files().orElseThrow().captionedVideo().orElseThrow().url().getPath()).endsWith("-captioned.mp4");
        }
    }

    @Test
    void anImageBehindAnAvatarInAVideoOfSeveralScenesIsRefusedBeforeHeyGenIsAsked() {
        // Stored before POST /api/videos refused it: HeyGen's studio scenes take a colour background only.
        int before = simulator.rendersStarted();
        long requestsBefore = simulator.requests().size();

        SubmitOutcome outcome = renderer.submit(video(List.of(TUNED, ON_IMAGE), CaptionChoice.NONE));

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Invalid.class, invalid ->
                assertThat(invalid.field()).contains("scenes[1].background.imageUrl"));
        assertThat(simulator.rendersStarted()).isEqualTo(before);
        assertThat(simulator.requests()).hasSize((int) requestsBefore);
    }

    @Test
    void anIdHeyGenDoesNotKnowNamesTheSceneItsMessageQuotesWhenHeyGenNamesNoParam() {
        AvatarVideo studio = video(List.of(TUNED, new Scene("sim-avatar-ana", "sim-voice-en-2", "Typo.")), CaptionChoice.NONE);

        assertThat(HeyGenCreation.missingIdField("avatar_not_found", Optional.empty(), "Avatar look 'sim-avatar-ana' not found", studio))
                .contains("scenes[1].avatarId");
        assertThat(HeyGenCreation.missingIdField("voice_not_found", Optional.of("scenes[1].input.voice_id"), "Voice not found", studio))
                .contains("scenes[1].voiceId");
        assertThat(HeyGenCreation.missingIdField("voice_not_found", Optional.empty(), "Voice 'sim-voice-en-2' not found",
                video(List.of(ON_WHITE, ON_WHITE), CaptionChoice.NONE))).as("the first scene that speaks with it").contains("scenes[0].voiceId");
        assertThat(HeyGenCreation.missingIdField("avatar_not_found", Optional.empty(), "Avatar not found", studio)).isEmpty();
        assertThat(HeyGenCreation.missingIdField("avatar_not_found", Optional.empty(), "Avatar not found", video(List.of(TUNED), CaptionChoice.NONE)))
                .contains("scenes[0].avatarId");
    }

    @Test
    void heyGensFieldNamesAreTranslatedIntoOurRequestsFields() {
        AvatarVideo single = video(List.of(TUNED), CaptionChoice.NONE);
        AvatarVideo studio = video(List.of(TUNED, ON_WHITE), CaptionChoice.NONE);

        assertThat(HeyGenCreation.ourField("avatar_id", single)).isEqualTo("scenes[0].avatarId");
        assertThat(HeyGenCreation.ourField("voice_settings.speed", single)).isEqualTo("scenes[0].voice.speed");
        assertThat(HeyGenCreation.ourField("background.value", single)).isEqualTo("scenes[0].background.color");
        assertThat(HeyGenCreation.ourField("scenes[1].input.background.type", studio)).isEqualTo("scenes[1].background");
        assertThat(HeyGenCreation.ourField("caption.style", studio)).isEqualTo("captions");
        assertThat(HeyGenCreation.ourField("scenes[1].input.voice_id", studio)).isEqualTo("scenes[1].voiceId");
        assertThat(HeyGenCreation.ourField("aspect_ratio", studio)).isEqualTo("aspectRatio");
        assertThat(HeyGenCreation.ourField("caption.file_format", studio)).isEqualTo("captions");
        assertThat(HeyGenCreation.ourField("engine.type", studio)).as("no counterpart: HeyGen's name").isEqualTo("engine.type");
    }

    private JsonNode body(AvatarVideo video) throws Exception {
        return JSON.readTree(renderer.creationBody(video));
    }

    private static AvatarVideo video(List<Scene> scenes, CaptionChoice captions) {
        return AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), "Options", scenes, Resolution.P1080, AspectRatio.PORTRAIT_9_16,
                captions, Instant.now());
    }
}
