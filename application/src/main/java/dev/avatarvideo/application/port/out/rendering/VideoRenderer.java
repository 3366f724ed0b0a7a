package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.VideoFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The service that turns scenes into a video file (HeyGen). Every answer is a typed outcome: callers decide what a
 * rejection, a delay or a failure means for the video, never the adapter.
 */
public interface VideoRenderer {

    /**
     * Starts rendering a video. Submitting the same video twice starts one render only, so a retry after a lost
     * answer is always safe.
     */
    SubmitOutcome submit(AvatarVideo video);

    RenderStatus status(RenderId renderId);

    /** Status of several renders in as few calls as possible; at most {@link #statusBatchLimit()} ids at a time. */
    Map<RenderId, RenderStatus> statuses(List<RenderId> renderIds);

    int statusBatchLimit();

    /** Opens a finished file from a link handed out by a fresh {@link #status} call; the caller closes it. */
    RenderedVideo download(DownloadLink link);

    /**
     * How a submission ended. Only {@link Accepted} started a render; every other outcome started none, so submitting
     * again is always safe (and, for {@link RetryLater}, expected).
     */
    sealed interface SubmitOutcome {

        record Accepted(RenderId renderId) implements SubmitOutcome {
        }

        /** The renderer does not accept our credentials (HeyGen: 401). */
        record KeyRejected(String message) implements SubmitOutcome {
        }

        /**
         * The renderer refused the request's content, in its own words.
         *
         * @param field the offending field in our request's terms ({@code scenes[1].avatarId}) when the renderer named one
         */
        record Invalid(Optional<String> field, String message) implements SubmitOutcome {

            public Invalid {
                Objects.requireNonNull(field, "field");
                Objects.requireNonNull(message, "message");
            }
        }

        /** The renderer account cannot pay for this render (HeyGen: 402). */
        record InsufficientCredit(String message) implements SubmitOutcome {
        }

        /** Any other refusal that asking again will not change; {@code reason} keeps the renderer's code and message. */
        record Rejected(VideoFailure reason) implements SubmitOutcome {
        }

        /** Nothing was started, and asking again after {@link #after()} is safe. */
        sealed interface RetryLater extends SubmitOutcome {

            Duration after();

            String reason();
        }

        /** Too many requests or too many renders in progress (HeyGen: 429); {@code after} honours Retry-After. */
        record RateLimited(Duration after) implements RetryLater {

            @Override
            public String reason() {
                return "rate limited; retry after " + after;
            }
        }

        /** Server errors, timeouts or no connection, still so after the retries that are safe. */
        record Unavailable(Duration after, String reason) implements RetryLater {
        }
    }

    sealed interface RenderStatus {

        record Pending() implements RenderStatus {
        }

        record Processing() implements RenderStatus {
        }

        /**
         * Done. {@link #status} names where to fetch the files; {@link #statuses} may not (HeyGen's bulk call reports
         * states only), so the links are fetched fresh right before downloading anyway.
         */
        record Completed(Optional<RenderedFiles> files) implements RenderStatus {

            public Completed {
                Objects.requireNonNull(files, "files");
            }
        }

        /** The render failed; {@code reason} keeps the renderer's failure code and message. */
        record Failed(VideoFailure reason) implements RenderStatus {
        }

        /** The renderer does not know this id (yet: it can lag just after creation). */
        record NotFound() implements RenderStatus {
        }

        /** The renderer does not accept our credentials; nothing is known about the render. */
        record KeyRejected(String message) implements RenderStatus {
        }

        /** Too many requests; ask again after {@code after}. */
        record RateLimited(Duration after) implements RenderStatus {
        }

        /** The renderer could not answer now; ask again later. */
        record Unavailable(String reason) implements RenderStatus {
        }
    }

    /** Where a finished video can be fetched, until the renderer's signature on the address expires. */
    record DownloadLink(URI url, Instant expiresAt) {

        public DownloadLink {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * Everything a finished render offers, each until its signature expires: the clean video, the copy with captions
     * burned in and the caption file (when captions were asked for), the poster and the animated preview.
     */
    record RenderedFiles(DownloadLink video, Optional<DownloadLink> captionedVideo, Optional<DownloadLink> captions,
                         Optional<DownloadLink> poster, Optional<DownloadLink> preview) {

        public RenderedFiles {
            Objects.requireNonNull(video, "video");
            Objects.requireNonNull(captionedVideo, "captionedVideo");
            Objects.requireNonNull(captions, "captions");
            Objects.requireNonNull(poster, "poster");
            Objects.requireNonNull(preview, "preview");
        }

        /** A render that offers its video only. */
        public static RenderedFiles videoOnly(DownloadLink video) {
            return new RenderedFiles(video, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** A finished file being downloaded from the renderer. */
    record RenderedVideo(InputStream content, OptionalLong length, String contentType) implements AutoCloseable {

        @Override
        public void close() {
            try {
                content.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The download of a finished video failed; it may succeed when tried again with a fresh status. */
    final class DownloadFailedException extends RuntimeException {

        public DownloadFailedException(String message, Throwable cause) {
            super(message, cause);
        }

        public DownloadFailedException(String message) {
            super(message);
        }
    }
}
