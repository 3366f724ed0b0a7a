package dev.avatarvideo.adapters.heygen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.contract.VideoRendererContract;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.DownloadLink;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderedFiles;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderedVideo;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.CaptionChoice;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The renderer's contract on the real adapter against the HeyGen simulator, over real HTTP, and what only HeyGen's side
 * shows: the requests it is sent, its refusals, its bulk calls, and an unreachable HeyGen.
 */
class HeyGenVideoRendererTest extends VideoRendererContract {

    private static final Scene ANNA = new Scene("sim-avatar-anna", "sim-voice-en-1", "Welcome to the course.");
    private static final Scene BEN = new Scene("sim-avatar-ben", "sim-voice-en-2", "Let us begin.");

    private static HeyGenSimulator simulator;
    private static HeyGenVideoRenderer renderer;

    @BeforeAll
    static void startSimulator() {
        simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(600)));
        renderer = new HeyGenVideoRenderer(HeyGenSettings.of(simulator.baseUrl(), simulator.apiKey()));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Override
    protected VideoRenderer renderer() {
        return renderer;
    }

    @Override
    protected void finish(AvatarVideo video, RenderId render) {
        awaitCompleted(render);
    }

    @Override
    protected Scene knownScene() {
        return ANNA;
    }

    @Test
    void rendersASingleSceneVideoFromSubmissionToDownload() throws Exception {
        RenderId renderId = accepted(renderer.submit(video(List.of(ANNA))));

        assertThat(renderer.status(renderId)).isInstanceOfAny(RenderStatus.Pending.class, RenderStatus.Processing.class);
        RenderStatus.Completed completed = awaitCompleted(renderId);
        DownloadLink link = completed.files().orElseThrow().video();
        assertThat(link.expiresAt()).isAfter(Instant.now().plus(Duration.ofDays(6)));

        try (RenderedVideo download = renderer.download(link)) {
            assertThat(download.contentType()).isEqualTo("video/mp4");
            assertThat(download.length()).hasValue(simulator.videoFileSize(renderId.value()));
            assertThat(download.content().readAllBytes()).hasSize((int) simulator.videoFileSize(renderId.value()));
        }
    }

    @Test
    void aSidecarRenderOffersTheSrtButNoCaptionedCopy() throws Exception {
        AvatarVideo video = video(List.of(ANNA, BEN), CaptionChoice.SIDECAR);
        RenderedFiles files = awaitCompleted(accepted(renderer.submit(video))).files().orElseThrow();

        assertThat(files.captionedVideo()).as("no style, nothing burned in").isEmpty();
        assertThat(files.poster()).isPresent();
        assertThat(files.preview()).isPresent();
        assertThat(srtCues(files.captions().orElseThrow())).containsExactly(ANNA.script(), BEN.script());
        assertDownload(files.video(), "video/mp4");
        assertDownload(files.poster().orElseThrow(), "image/jpeg");
        assertDownload(files.preview().orElseThrow(), "image/gif");
    }

    @Test
    void aBurnedInRenderOffersTheCaptionedCopyAndTheSrtToo() throws Exception {
        for (CaptionChoice burning : List.of(CaptionChoice.BURNED, CaptionChoice.BOTH)) {
            RenderedFiles files = awaitCompleted(accepted(renderer.submit(video(List.of(ANNA, BEN), burning)))).files().orElseThrow();

            DownloadLink captioned = files.captionedVideo().orElseThrow();
            assertThat(captioned.url()).isNotEqualTo(files.video().url());
            assertDownload(captioned, "video/mp4");
            assertThat(srtCues(files.captions().orElseThrow())).as(burning.wireName()).containsExactly(ANNA.script(), BEN.script());
            assertThat(files.poster()).isPresent();
            assertThat(files.preview()).isPresent();
        }
    }

    @Test
    void aRenderWithoutCaptionsOffersNoCaptionFiles() {
        RenderedFiles files = awaitCompleted(accepted(renderer.submit(video(List.of(ANNA, BEN), CaptionChoice.NONE)))).files().orElseThrow();

        assertThat(files.captions()).isEmpty();
        assertThat(files.captionedVideo()).isEmpty();
        assertThat(files.poster()).isPresent();
        assertThat(files.preview()).isPresent();
    }

    @Test
    void sendsSeveralScenesAsOneStudioVideo() {
        AvatarVideo video = video(List.of(ANNA, BEN, ANNA));

        assertThat(renderer.creationBody(video)).contains("\"type\":\"studio\"").contains("\"avatar_video\"")
                .contains("sim-avatar-ben").contains("\"callback_id\":\"" + video.id() + "\"");
        RenderId renderId = accepted(renderer.submit(video));
        assertThat(awaitCompleted(renderId).files()).isPresent();
    }

    @Test
    void aResubmittedVideoIsOneRenderAtHeyGen() {
        AvatarVideo video = video(List.of(ANNA));
        int before = simulator.rendersStarted();

        accepted(renderer.submit(video));
        accepted(renderer.submit(video));

        assertThat(simulator.rendersStarted()).isEqualTo(before + 1);
    }

    @Test
    void anUnknownAvatarIsInvalidWithHeyGensMessageAndTheFieldOfOurRequest() {
        SubmitOutcome single = renderer.submit(video(List.of(new Scene("sim-avatar-nobody", "sim-voice-en-1", "Hi"))));
        SubmitOutcome studio = renderer.submit(video(List.of(ANNA, new Scene("sim-avatar-anna", "sim-voice-nobody", "Hi"))));

        assertThat(single).isInstanceOfSatisfying(SubmitOutcome.Invalid.class, invalid -> {
            assertThat(invalid.field()).contains("scenes[0].avatarId");
            assertThat(invalid.message()).contains("sim-avatar-nobody");
        });
        assertThat(studio).isInstanceOfSatisfying(SubmitOutcome.Invalid.class, invalid ->
                assertThat(invalid.field()).contains("scenes[1].voiceId"));
    }

    @Test
    void aWrongKeyIsRejectedAndTheKeyIsNeverEchoed() {
        HeyGenVideoRenderer wrongKey = new HeyGenVideoRenderer(HeyGenSettings.of(simulator.baseUrl(), "secret-wrong-key"));

        SubmitOutcome outcome = wrongKey.submit(video(List.of(ANNA)));

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.KeyRejected.class, rejected ->
                assertThat(rejected.message()).isNotBlank().doesNotContain("secret-wrong-key"));
        assertThat(wrongKey.status(new RenderId("any"))).isInstanceOf(RenderStatus.KeyRejected.class);
        assertThat(HeyGenSettings.of(simulator.baseUrl(), "secret-wrong-key").toString()).doesNotContain("secret-wrong-key");
    }

    @Test
    void bulkStatusCoversEveryIdInOneCall() {
        List<RenderId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(accepted(renderer.submit(video(List.of(ANNA)))));
        }
        ids.add(new RenderId("unknown-render"));
        long callsBefore = statusCalls();

        Map<RenderId, RenderStatus> statuses = renderer.statuses(ids);

        assertThat(statusCalls() - callsBefore).isEqualTo(1);
        assertThat(statuses).containsOnlyKeys(ids);
        assertThat(statuses.get(new RenderId("unknown-render"))).isInstanceOf(RenderStatus.NotFound.class);
        ids.subList(0, 5).forEach(id -> assertThat(statuses.get(id)).isInstanceOfAny(RenderStatus.Pending.class, RenderStatus.Processing.class));
    }

    @Test
    void aRenderTheBulkStatusCallsQueuedIsPending() {
        // HeyGen's bulk statuses say queued (not pending) while a render waits; a minute-long render waits 15 s.
        try (HeyGenSimulator slow = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMinutes(1)))) {
            HeyGenVideoRenderer slowRenderer = new HeyGenVideoRenderer(HeyGenSettings.of(slow.baseUrl(), slow.apiKey()));
            RenderId renderId = accepted(slowRenderer.submit(video(List.of(ANNA))));

            assertThat(slowRenderer.statuses(List.of(renderId)).get(renderId)).isInstanceOf(RenderStatus.Pending.class);
            assertThat(slow.requests()).filteredOn(r -> r.path().equals("/v3/videos/statuses"))
                    .singleElement().satisfies(r -> assertThat(r.query()).as("only the documented query").startsWith("video_ids="));
        }
    }

    @Test
    void anUnreachableHeyGenMeansRetryLaterNotFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HeyGenVideoRenderer unreachable = new HeyGenVideoRenderer(HeyGenSettings.of(URI.create("http://127.0.0.1:" + closedPort), "k")
                .withRetries(Fixtures.QUICK_RETRIES));

        assertThat(unreachable.submit(video(List.of(ANNA)))).isInstanceOf(SubmitOutcome.Unavailable.class);
        assertThat(unreachable.status(new RenderId("x"))).isInstanceOf(RenderStatus.Unavailable.class);
        assertThat(unreachable.statuses(List.of(new RenderId("x"))).get(new RenderId("x"))).isInstanceOf(RenderStatus.Unavailable.class);
    }

    private static long statusCalls() {
        return simulator.requests().stream().filter(r -> r.path().equals("/v3/videos/statuses")).count();
    }

    private static RenderStatus.Completed awaitCompleted(RenderId renderId) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (renderer.status(renderId) instanceof RenderStatus.Completed completed) {
                return completed;
            }
            sleep(100);
        }
        throw new AssertionError("render " + renderId + " did not complete");
    }

    private static RenderId accepted(SubmitOutcome outcome) {
        assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
        return ((SubmitOutcome.Accepted) outcome).renderId();
    }

    private static AvatarVideo video(List<Scene> scenes) {
        return video(scenes, CaptionChoice.NONE);
    }

    private static AvatarVideo video(List<Scene> scenes, CaptionChoice captions) {
        return AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), "Course intro", scenes, Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, captions, Instant.now());
    }

    private static void assertDownload(DownloadLink link, String contentType) throws Exception {
        try (RenderedVideo download = renderer.download(link)) {
            assertThat(download.contentType()).as(link.url().getPath()).isEqualTo(contentType);
            assertThat(download.content().readAllBytes()).as(link.url().getPath()).isNotEmpty();
        }
    }

    /** The text of each cue of the SRT behind the link, in order, its lines joined by spaces; checks each cue's shape. */
    private static List<String> srtCues(DownloadLink link) throws Exception {
        String srt;
        try (RenderedVideo download = renderer.download(link)) {
            srt = new String(download.content().readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> texts = new ArrayList<>();
        String[] blocks = srt.strip().split("\\R\\R+");
        for (int i = 0; i < blocks.length; i++) {
            List<String> lines = blocks[i].lines().toList();
            assertThat(lines.get(0)).as("cue number").isEqualTo(Integer.toString(i + 1));
            assertThat(lines.get(1)).as("timing").matches("\\d{2}:\\d{2}:\\d{2},\\d{3} --> \\d{2}:\\d{2}:\\d{2},\\d{3}");
            texts.add(String.join(" ", lines.subList(2, lines.size())));
        }
        return texts;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
