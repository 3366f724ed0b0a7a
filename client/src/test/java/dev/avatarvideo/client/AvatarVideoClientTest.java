package dev.avatarvideo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvatarVideoClientTest {

    private final FakeService service = new FakeService();
    private final AvatarVideoClient client = AvatarVideoClient.builder(service.uri()).apiKey("svc-key-1").build();

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void requestsAVideoWithItsFieldsAndTheApiKey() {
        Video video = client.createVideo(VideoRequest.of("Lesson 1", new Scene("sim-avatar-anna", "sim-voice-en-1", "Welcome!"))
                .withResolution("1080p").withCallbackUrl(URI.create("https://platform.example/done")));

        assertThat(video.id()).isEqualTo("v-new");
        assertThat(video.status()).isEqualTo(VideoStatus.QUEUED);
        FakeService.Request request = service.requests.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Authorization")).isEqualTo("Bearer svc-key-1");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).contains("\"title\":\"Lesson 1\"", "\"resolution\":\"1080p\"", "\"callbackUrl\":\"https://platform.example/done\"",
                "\"scenes\":[{\"avatarId\":\"sim-avatar-anna\",\"voiceId\":\"sim-voice-en-1\",\"script\":\"Welcome!\"}]")
                .doesNotContain("aspectRatio", "captions");
    }

    @Test
    void readsAVideoWithItsFileIgnoringFieldsItDoesNotKnow() {
        service.videos.put("v-1", FakeService.video("v-1", "READY"));

        Video video = client.getVideo("v-1");

        assertThat(video.status()).isEqualTo(VideoStatus.READY);
        assertThat(video.storedFile()).hasValueSatisfying(file -> {
            assertThat(file.fileUrl()).isEqualTo(URI.create("http://files.example/v.mp4"));
            assertThat(file.fileSize()).isEqualTo(10);
        });
        assertThat(video.failure()).isEmpty();
        assertThat(video.captions()).isEqualTo(CaptionChoice.NONE);
        assertThat(video.mediaFacts()).isEmpty();
        assertThat(video.captionTrack()).isEmpty();
        assertThat(video.posterImage()).isEmpty();
        assertThat(video.previewImage()).isEmpty();
    }

    @Test
    void readsTheWholeLessonOfAReadyVideo() {
        service.videos.put("v-3", FakeService.lesson("v-3"));

        Video video = client.getVideo("v-3");

        assertThat(video.captions()).isEqualTo(CaptionChoice.SIDECAR);
        assertThat(video.mediaFacts()).hasValueSatisfying(media -> {
            assertThat(media.duration()).isEqualTo(java.time.Duration.ofMillis(12_480));
            assertThat(media.width()).isEqualTo(1280);
            assertThat(media.height()).isEqualTo(720);
            assertThat(media.videoCodec()).isEqualTo("h264");
            assertThat(media.audio()).contains("aac");
            assertThat(media.framesPerSecond()).isEqualTo(25.0);
            assertThat(media.bitsPerSecond()).isEqualTo(1_250_000);
        });
        assertThat(video.captionTrack()).hasValueSatisfying(track -> {
            assertThat(track.srt().fileType()).isEqualTo("application/x-subrip");
            assertThat(track.vtt().fileUrl()).isEqualTo(URI.create("http://files.example/v.vtt"));
        });
        assertThat(video.posterImage().map(VideoFile::fileName)).contains("v-poster.jpg");
        assertThat(video.previewImage().map(VideoFile::fileType)).contains("image/gif");
    }

    @Test
    void readsCaptionsFromAServiceThatStillAnswersYesOrNoAndToleratesAChoiceItDoesNotKnow() {
        service.videos.put("old-yes", FakeService.video("old-yes", "QUEUED", "true", ""));
        service.videos.put("old-no", FakeService.video("old-no", "QUEUED", "false", ""));
        service.videos.put("future", FakeService.video("future", "QUEUED", "\"karaoke\"", ""));

        assertThat(client.getVideo("old-yes").captions()).isEqualTo(CaptionChoice.BURNED);
        assertThat(client.getVideo("old-no").captions()).isEqualTo(CaptionChoice.NONE);
        Video future = client.getVideo("future");
        assertThat(future.captions()).isNull();
        assertThat(future.id()).isEqualTo("future");
    }

    @Test
    void sendsTheCaptionChoiceByName() {
        client.createVideo(VideoRequest.of("Lesson 2", new Scene("sim-avatar-anna", "sim-voice-en-1", "Hi")).withCaptions(CaptionChoice.SIDECAR));

        assertThat(service.requests.getFirst().body()).contains("\"captions\":\"sidecar\"");
    }

    @Test
    void readsWhyAQueuedVideoWaits() {
        service.videos.put("v-2", FakeService.video("v-2", "QUEUED"));
        service.videos.put("v-1", FakeService.video("v-1", "READY"));

        Video video = client.getVideo("v-2");

        assertThat(video.waitingReason()).contains(new VideoWaiting("heygen-unreachable", "HeyGen cannot be reached.",
                java.time.Instant.parse("2026-11-21T10:00:01Z")));
        assertThat(client.getVideo("v-1").waitingReason()).isEmpty();
    }

    @Test
    void aRefusalIsAnApiExceptionCarryingTheProblem() {
        assertThatThrownBy(() -> client.getVideo("missing"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.type()).isEqualTo("/problems/not-found");
                    assertThat(e.getMessage()).contains("no video");
                });
    }

    @Test
    void listsAPageAfterACursor() {
        VideoPage page = client.listVideos(10, "c1");

        assertThat(page.items()).extracting(Video::id).containsExactly("v-1");
        assertThat(page.next()).contains("c2");
        assertThat(service.requests.getFirst().uri()).isEqualTo("/api/videos?limit=10&cursor=c1");
    }

    @Test
    void refusesABaseUrlThatIsNotHttp() {
        assertThatThrownBy(() -> AvatarVideoClient.builder(URI.create("ftp://example.com"))).isInstanceOf(IllegalArgumentException.class);
    }
}
