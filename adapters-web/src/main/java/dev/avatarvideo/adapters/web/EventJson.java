package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.avatarvideo.adapters.web.VideoJson.ErrorBody;
import dev.avatarvideo.adapters.web.VideoJson.CaptionFilesBody;
import dev.avatarvideo.adapters.web.VideoJson.FileBody;
import dev.avatarvideo.adapters.web.VideoJson.MediaBody;
import dev.avatarvideo.domain.VideoEvent;
import java.time.Instant;

/**
 * A video event as the live status stream sends it; the same shape the outbound notifications carry as {@code data}.
 * A READY event carries the whole lesson as the video resource shows it: file, media facts, caption files, poster, preview.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventJson(long eventId, String type, String videoId, String tenantId, String status, Instant occurredAt, ErrorBody error,
                 FileBody file, MediaBody media, CaptionFilesBody captionFiles, FileBody poster, FileBody preview) {

    static EventJson of(VideoEvent event) {
        return new EventJson(event.id(), event.type(), event.videoId().toString(), event.tenantId().value(), event.status().name(),
                event.occurredAt(),
                event.failureReason().map(f -> new ErrorBody(f.code(), f.message())).orElse(null),
                event.storedFile().map(FileBody::of).orElse(null),
                event.parts().media().map(MediaBody::of).orElse(null),
                CaptionFilesBody.of(event.parts()),
                event.parts().poster().map(FileBody::of).orElse(null),
                event.parts().preview().map(FileBody::of).orElse(null));
    }
}
