package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.VideoId;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link VideoRenderer} whose answers a test scripts: what submitting answers, which status each render reports,
 * and what a download yields. Records every call so tests can count them.
 */
public final class ScriptedVideoRenderer implements VideoRenderer {

    private final Map<VideoId, RenderId> rendersByVideo = new ConcurrentHashMap<>();
    private final Map<RenderId, RenderStatus> statuses = new ConcurrentHashMap<>();
    private final List<VideoId> submissions = new CopyOnWriteArrayList<>();
    private final List<List<RenderId>> statusBatches = new CopyOnWriteArrayList<>();
    private volatile Function<AvatarVideo, SubmitOutcome> onSubmit = this::accept;
    private volatile byte[] videoBytes = "not really an mp4".getBytes();
    private volatile OptionalLong announcedLength = OptionalLong.empty();
    private final int batchLimit;

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
        return new RenderedVideo(new ByteArrayInputStream(videoBytes), announcedLength, "video/mp4");
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
