package dev.avatarvideo.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.client.AvatarVideoClient;
import dev.avatarvideo.client.Scene;
import dev.avatarvideo.client.StatusTracker;
import dev.avatarvideo.client.StatusUpdate;
import dev.avatarvideo.client.TrackingMode;
import dev.avatarvideo.client.Video;
import dev.avatarvideo.client.VideoFile;
import dev.avatarvideo.client.VideoRequest;
import dev.avatarvideo.client.VideoStatus;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java client as a project that depends on {@code dev.avatarvideo:client} uses it: the example of docs/clients.md. */
@ExtendWith(RunningService.Resolver.class)
class JavaClientTest {

    @Test
    void theExampleCreatesAVideoFollowsItToReadyAndDownloadsItsFile(RunningService service) throws Exception {
        AvatarVideoClient client = AvatarVideoClient.builder(service.baseUrl())
                .apiKey(service.apiKey())
                .build();
        StatusUpdate last;
        String videoId;
        try (StatusTracker tracker = client.statusTracker(TrackingMode.AUTO)) {
            Video video = client.createVideo(VideoRequest.of("Lesson 1: Welcome",
                    new Scene("sim-avatar-anna", "sim-voice-en-1", "Welcome to the course.")));
            videoId = video.id();
            last = tracker.track(video.id(), update -> System.out.println(video.id() + " is " + update.status()))
                    .terminal().get(60, TimeUnit.SECONDS);
        }
        assertThat(last.status()).as("failure: %s", last.failure()).isEqualTo(VideoStatus.READY);
        VideoFile file = last.storedFile().orElseThrow();
        byte[] bytes = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(file.fileUrl()).build(), HttpResponse.BodyHandlers.ofByteArray()).body();

        assertThat((long) bytes.length).isEqualTo(file.fileSize());
        assertThat("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).isEqualTo(file.checksum());
        assertThat(service.video(videoId).get("file").get("checksum").asText()).isEqualTo(file.checksum());
    }
}
