package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.VideoId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link VideoRenderer} whose answers a test scripts: what submitting answers, which status each render reports,
 * and what a download yields. A completed render offers the video only, or any of the files of a whole lesson
 * ({@link Artefact}), each served with content of its own and each download able to fail on its own. Records every
 * call so tests can count them.
 */
public final class ScriptedVideoRenderer implements VideoRenderer {

    private final Map<VideoId, RenderId> rendersByVideo = new ConcurrentHashMap<>();
    private final Map<RenderId, RenderStatus> statuses = new ConcurrentHashMap<>();
    private final List<VideoId> submissions = new CopyOnWriteArrayList<>();
    private final List<List<RenderId>> statusBatches = new CopyOnWriteArrayList<>();
    private volatile Function<AvatarVideo, SubmitOutcome> onSubmit = this::accept;
    private volatile byte[] videoBytes = "not really an mp4".getBytes();
    private volatile OptionalLong announcedLength = OptionalLong.empty();
    private final Map<Artefact, byte[]> served = new ConcurrentHashMap<>(Map.of(
            Artefact.CAPTIONED_VIDEO, "not really an mp4, with captions burned in".getBytes(StandardCharsets.UTF_8),
            Artefact.CAPTIONS, TWO_CUES_SRT.getBytes(StandardCharsets.UTF_8),
            Artefact.POSTER, "not really a JPEG poster".getBytes(StandardCharsets.UTF_8),
            Artefact.PREVIEW, "GIF89a not really a preview".getBytes(StandardCharsets.UTF_8)));
    private final Map<Artefact, Failure> failures = new ConcurrentHashMap<>();
    private final List<Artefact> downloads = new CopyOnWriteArrayList<>();
    private final int batchLimit;

    /** The SRT a render with captions serves unless a test says otherwise: two scenes, one cue each. */
    public static final String TWO_CUES_SRT = "1\n00:00:00,000 --> 00:00:02,500\nWelcome to the course.\n\n"
            + "2\n00:00:02,500 --> 00:00:05,000\nLet us begin.\n\n";

    /** A file a finished render may offer, known by the end of its (made-up) address. */
    public enum Artefact {
        CAPTIONED_VIDEO("-captioned.mp4", "video/mp4"),
        VIDEO(".mp4", "video/mp4"),
        // Generic, as renderers serve caption files: the type a stored SRT carries is the ingester's to set.
        CAPTIONS(".srt", "application/octet-stream"),
        POSTER("-poster.jpg", "image/jpeg"),
        PREVIEW("-preview.gif", "image/gif");

        private final String suffix;
        private final String contentType;

        Artefact(String suffix, String contentType) {
            this.suffix = suffix;
            this.contentType = contentType;
        }

        static Artefact of(DownloadLink link) {
            String path = link.url().getPath();
            for (Artefact artefact : values()) {
                if (path.endsWith(artefact.suffix)) {
                    return artefact;
                }
            }
            throw new IllegalArgumentException("no artefact of this renderer is at " + link.url());
        }
    }

    /** How the download of an artefact fails: refused at once, or cut off halfway through its content. */
    public enum Failure {
        REFUSED, CUT_OFF
    }

    public ScriptedVideoRenderer(int batchLimit) {
        this.batchLimit = batchLimit;
    }

    public ScriptedVideoRenderer() {
        this(100);
    }

    @Override
    public SubmitOutcome submit(AvatarVideo video) {
        submissions.add(video.id());
        return onSubmit.apply(video);
    }

    @Override
    public RenderStatus status(RenderId renderId) {
        return statuses.getOrDefault(renderId, new RenderStatus.NotFound());
    }

    @Override
    public Map<RenderId, RenderStatus> statuses(List<RenderId> renderIds) {
        if (renderIds.size() > batchLimit) {
            throw new IllegalArgumentException("asked for " + renderIds.size() + " statuses, limit " + batchLimit);
        }
        statusBatches.add(List.copyOf(renderIds));
        Map<RenderId, RenderStatus> answer = new LinkedHashMap<>();
        renderIds.forEach(id -> answer.put(id, status(id)));
        return answer;
    }

    @Override
    public int statusBatchLimit() {
        return batchLimit;
    }

    @Override
    public RenderedVideo download(DownloadLink link) {
        Artefact artefact = Artefact.of(link);
        downloads.add(artefact);
        byte[] content = artefact == Artefact.VIDEO ? videoBytes : served.get(artefact);
        OptionalLong length = artefact == Artefact.VIDEO ? announcedLength : OptionalLong.of(content.length);
        Failure failure = failures.get(artefact);
        if (failure == Failure.REFUSED) {
            throw new DownloadFailedException("SIMULATED: the download of " + link.url() + " was refused");
        }
        InputStream in = failure == Failure.CUT_OFF ? cutOffHalfway(content) : new ByteArrayInputStream(content);
        return new RenderedVideo(in, length, artefact.contentType);
    }

    private static InputStream cutOffHalfway(byte[] content) {
        return new SequenceInputStream(new ByteArrayInputStream(content, 0, content.length / 2), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("SIMULATED: connection reset halfway through the download");
            }
        });
    }

    public void onSubmit(Function<AvatarVideo, SubmitOutcome> behaviour) {
        this.onSubmit = behaviour;
    }

    public void reportStatus(VideoId video, RenderStatus status) {
        statuses.put(renderOf(video), status);
    }

    public void completeRender(VideoId video) {
        completeRender(video, Instant.parse("2100-01-01T00:00:00Z"));
    }

    /** Completes the render with a download address that stops working at {@code linkExpiresAt}. */
    public void completeRender(VideoId video, Instant linkExpiresAt) {
        reportStatus(video, new RenderStatus.Completed(Optional.of(RenderedFiles.videoOnly(new DownloadLink(
                URI.create("https://renderer.example/" + renderOf(video) + ".mp4"), linkExpiresAt)))));
    }

    /**
     * Completes the render offering the video and each of {@code offered} (a whole lesson: all of them), at addresses
     * that work until 2100.
     */
    public void completeLesson(VideoId video, Set<Artefact> offered) {
        String base = "https://renderer.example/" + renderOf(video);
        Function<Artefact, DownloadLink> linkTo = artefact -> new DownloadLink(URI.create(base + artefact.suffix),
                Instant.parse("2100-01-01T00:00:00Z"));
        Function<Artefact, Optional<DownloadLink>> ifOffered = artefact -> Optional.of(artefact).filter(offered::contains).map(linkTo);
        reportStatus(video, new RenderStatus.Completed(Optional.of(new RenderedFiles(linkTo.apply(Artefact.VIDEO),
                ifOffered.apply(Artefact.CAPTIONED_VIDEO), ifOffered.apply(Artefact.CAPTIONS), ifOffered.apply(Artefact.POSTER),
                ifOffered.apply(Artefact.PREVIEW)))));
    }

    /** Serves this content for the artefact from now on; {@link #serveVideo} for the clean video. */
    public void serve(Artefact artefact, byte[] content) {
        if (artefact == Artefact.VIDEO) {
            serveVideo(content, OptionalLong.of(content.length));
        } else {
            served.put(artefact, content.clone());
        }
    }

    public byte[] contentOf(Artefact artefact) {
        return (artefact == Artefact.VIDEO ? videoBytes : served.get(artefact)).clone();
    }

    /** Every download of the artefact fails this way until {@link #downloadsWork()}. */
    public void failDownloadsOf(Artefact artefact, Failure failure) {
        failures.put(artefact, failure);
    }

    public void downloadsWork() {
        failures.clear();
    }

    /** What was downloaded, in order. */
    public List<Artefact> downloads() {
        return new ArrayList<>(downloads);
    }

    public void serveVideo(byte[] bytes, OptionalLong lengthToAnnounce) {
        this.videoBytes = bytes.clone();
        this.announcedLength = lengthToAnnounce;
    }

    public RenderId renderOf(VideoId video) {
        RenderId id = rendersByVideo.get(video);
        if (id == null) {
            throw new IllegalStateException("video " + video + " was never accepted for rendering");
        }
        return id;
    }

    public List<VideoId> submissions() {
        return new ArrayList<>(submissions);
    }

    public List<List<RenderId>> statusBatches() {
        return new ArrayList<>(statusBatches);
    }

    /** The default behaviour: accept and start one render per video, however often it is submitted. */
    public SubmitOutcome accept(AvatarVideo video) {
        RenderId id = rendersByVideo.computeIfAbsent(video.id(), v -> new RenderId("render-" + v));
        statuses.putIfAbsent(id, new RenderStatus.Pending());
        return new SubmitOutcome.Accepted(id);
    }
}
