package dev.avatarvideo.adapters.runtime;

import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.application.port.out.rendering.VideoRenderers;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts every call the service makes to the renderer (HeyGen), by operation and outcome, and measures the copies of
 * finished videos: bytes as they stream through, and how long each copy takes from opening the download to closing it
 * (the file goes into storage on the way, so that is the whole ingest transfer). A call counts once however many
 * retries the adapter made inside it.
 */
public final class MeteredVideoRenderers implements VideoRenderers {

    private final VideoRenderers renderers;
    private final RendererCallMeters meters;
    private final MeterRegistry registry;
    private final AtomicInteger ingestsInProgress = new AtomicInteger();

    public MeteredVideoRenderers(VideoRenderers renderers, MeterRegistry registry) {
        this.renderers = renderers;
        this.meters = new RendererCallMeters(registry);
        this.registry = registry;
        registry.gauge("avatarvideo.ingest.in.progress", ingestsInProgress);
    }

    @Override
    public VideoRenderer forAccount(RendererCredentials credentials) {
        return new Metered(renderers.forAccount(credentials));
    }

    private final class Metered implements VideoRenderer {

        private final VideoRenderer renderer;

        Metered(VideoRenderer renderer) {
            this.renderer = renderer;
        }

        @Override
        public SubmitOutcome submit(AvatarVideo video) {
            return meters.call("submit", () -> renderer.submit(video), outcome -> ServiceMetrics.tagOf(outcome.getClass()),
                    outcome -> !(outcome instanceof SubmitOutcome.Accepted));
        }

        @Override
        public RenderStatus status(RenderId renderId) {
            return meters.call("status", () -> renderer.status(renderId), status -> ServiceMetrics.tagOf(status.getClass()), MeteredVideoRenderers::isError);
        }

        @Override
        public Map<RenderId, RenderStatus> statuses(List<RenderId> renderIds) {
            return meters.call("statuses", () -> renderer.statuses(renderIds), answer -> "answered", answer -> false);
        }

        @Override
        public int statusBatchLimit() {
            return renderer.statusBatchLimit();
        }

        @Override
        public RenderedVideo download(DownloadLink link) {
            RenderedVideo download = meters.call("download", () -> renderer.download(link), opened -> "opened", opened -> false);
            return new RenderedVideo(new CountingStream(download.content(), download.length(), partOf(download.contentType())),
                    download.length(), download.contentType());
        }
    }

    /** A render that failed is an answer, not an error of the call; not knowing the render (yet) is one. */
    private static boolean isError(VideoRenderer.RenderStatus status) {
        return !(status instanceof VideoRenderer.RenderStatus.Pending || status instanceof VideoRenderer.RenderStatus.Processing
                || status instanceof VideoRenderer.RenderStatus.Completed || status instanceof VideoRenderer.RenderStatus.Failed);
    }

    /**
     * Which part of a lesson a download is, for the {@code part} tag: its video, or a companion file (captions, poster,
     * preview), so a dashboard of video copies counts one per video.
     */
    static String partOf(String contentType) {
        return contentType != null && contentType.startsWith("video/") ? "video" : "companion";
    }

    /** Adds the bytes to the ingest counter as they pass, and times the copy when it is closed. */
    private final class CountingStream extends FilterInputStream {

        private final OptionalLong expected;
        private final Timer.Sample sample;
        private final io.micrometer.core.instrument.Counter bytes;
        private long count;
        private boolean ended;
        private boolean closed;

        private final String part;

        CountingStream(InputStream content, OptionalLong expected, String part) {
            super(content);
            this.expected = expected;
            this.part = part;
            this.sample = Timer.start(registry);
            this.bytes = registry.counter("avatarvideo.ingest.bytes");
            ingestsInProgress.incrementAndGet();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                ended = true;
            } else {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read < 0) {
                ended = true;
            } else {
                counted(read);
            }
            return read;
        }

        private void counted(int read) {
            count += read;
            bytes.increment(read);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                super.close();
            } finally {
                ingestsInProgress.decrementAndGet();
                boolean complete = expected.isPresent() ? count == expected.getAsLong() : ended;
                sample.stop(Timer.builder("avatarvideo.ingest.duration")
                        .description("Copies of rendered files into storage, from opening the download to closing it")
                        .tag("outcome", complete ? "complete" : "incomplete")
                        .tag("part", part)
                        .register(registry));
            }
        }
    }
}
