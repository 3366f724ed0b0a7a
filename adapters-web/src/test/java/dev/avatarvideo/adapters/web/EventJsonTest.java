package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A status event as the live stream writes it, with the server's own mapper: a READY event carries the whole lesson in
 * the shape of the video resource, so a page that follows the stream can show poster, captions and facts at once.
 */
class EventJsonTest {

    private static final TenantId TENANT = TenantId.of("web");
    private static final Instant AT = Instant.parse("2026-11-21T10:00:07Z");

    private final ObjectMapper mapper = new JsonBodies().mapper();

    @Test
    void aReadyEventCarriesFileMediaCaptionFilesPosterAndPreview() throws Exception {
        StoredFile srt = stored("lesson.srt", "application/x-subrip", "b1");
        StoredFile vtt = stored("lesson.vtt", "text/vtt", "b2");
        StoredFile poster = stored("lesson-poster.jpg", "image/jpeg", "b3");
        StoredFile preview = stored("lesson-preview.gif", "image/gif", "b4");
        MediaFacts media = new MediaFacts(Duration.ofMillis(61_250), 1920, 1080, "h264", Optional.of("aac"), 30.0, 2_500_000);
        VideoEvent ready = new VideoEvent(9, VideoId.newId(), TENANT, VideoStatus.READY, null, stored("lesson.mp4", "video/mp4", "ac"), AT,
                new LessonParts(Optional.of(srt), Optional.of(vtt), Optional.of(poster), Optional.of(preview), Optional.of(media)));

        JsonNode data = mapper.readTree(mapper.writeValueAsString(EventJson.of(ready)));

        assertThat(data.at("/file/fileName").asText()).isEqualTo("lesson.mp4");
        assertThat(data.at("/media/durationSeconds").asDouble()).isEqualTo(61.25);
        assertThat(data.at("/media/width").asInt()).isEqualTo(1920);
        assertThat(data.at("/media/audioCodec").asText()).isEqualTo("aac");
        assertThat(data.at("/media/bitsPerSecond").asLong()).isEqualTo(2_500_000);
        assertThat(data.at("/captionFiles/srt/fileType").asText()).isEqualTo("application/x-subrip");
        assertThat(data.at("/captionFiles/vtt/fileUrl").asText()).isEqualTo(vtt.fileUrl().toString());
        assertThat(data.at("/captionFiles/vtt/uploadedAt").asText()).isEqualTo("2026-11-21T10:00:06Z");
        assertThat(data.at("/poster/checksum").asText()).isEqualTo(poster.checksum());
        assertThat(data.at("/preview/storagePath").asText()).isEqualTo(preview.storagePath().value());
    }

    @Test
    void otherEventsAndPartlessReadyOnesCarryNoLessonFields() throws Exception {
        VideoEvent queued = new VideoEvent(1, VideoId.newId(), TENANT, VideoStatus.QUEUED, null, null, AT);
        VideoEvent partless = new VideoEvent(2, VideoId.newId(), TENANT, VideoStatus.READY, null, stored("old.mp4", "video/mp4", "ac"), AT);

        for (VideoEvent event : new VideoEvent[] {queued, partless}) {
            JsonNode data = mapper.readTree(mapper.writeValueAsString(EventJson.of(event)));
            assertThat(data.has("file")).as(event.type()).isEqualTo(event.status() == VideoStatus.READY);
            assertThat(data.has("media") || data.has("captionFiles") || data.has("poster") || data.has("preview")).as(event.type()).isFalse();
        }
    }

    private static StoredFile stored(String name, String type, String hex) {
        return new StoredFile(URI.create("https://files.example/" + name + "?sig=1"), name, 100, type, StorageKey.newFor(TENANT, name),
                AT.minusSeconds(1), "sha256:" + hex.repeat(32), "s3");
    }
}
