package dev.avatarvideo.heygen.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a finished render hands out, behind presigned addresses that expire as HeyGen's do, answered the way a CDN
 * answers ({@code 403} with an XML body when a signature is wrong or old). Every file is made from the render's
 * {@link RenderPlan}: the MP4 and its captioned copy are joined from pre-encoded pieces and kept on disk, the subtitles
 * and pictures are drawn on request. The key that signs the addresses is kept in the {@link SimulatorJournal}, so an
 * address handed out before a restart still works after it.
 */
final class SimulatedDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenSimulator.class);
    static final String URL_SIGNING_KEY_ENTRY = "url_signing_key";

    /** The artefacts of a render, by the end of their file names. */
    enum Artefact {
        CAPTIONED_VIDEO("-captioned.mp4", "video/mp4"),
        VIDEO(".mp4", "video/mp4"),
        SUBTITLES(".srt", "application/x-subrip"),
        POSTER(".jpg", "image/jpeg"),
        PREVIEW(".gif", "image/gif");

        private final String suffix;
        private final String contentType;

        Artefact(String suffix, String contentType) {
            this.suffix = suffix;
            this.contentType = contentType;
        }

        /** HeyGen makes subtitles only when {@code caption} was asked for, and the captioned copy only with a {@code style}. */
        boolean madeFor(RenderPlan plan) {
            return switch (this) {
                case CAPTIONED_VIDEO -> plan.burnedInCaptions();
                case SUBTITLES -> plan.sidecarSubtitles();
                case VIDEO, POSTER, PREVIEW -> true;
            };
        }
    }

    private final SimulatorSettings settings;
    private final Clock clock;
    private final FaultInjector faults;
    private final Map<String, SimulatedRender> renders;
    private final SimulatorCounters counters;
    private final Supplier<URI> baseUrl;
    private final SimulatedVideos videos;
    private final byte[] urlSigningKey;

    SimulatedDownloads(SimulatorSettings settings, Clock clock, FaultInjector faults, Map<String, SimulatedRender> renders,
                       SimulatorCounters counters, Supplier<URI> baseUrl, SimulatedVideos videos, SimulatorJournal journal) {
        this.settings = settings;
        this.clock = clock;
        this.faults = faults;
        this.renders = renders;
        this.counters = counters;
        this.baseUrl = baseUrl;
        this.videos = videos;
        this.urlSigningKey = urlSigningKey(journal);
    }

    /** The signing key the journal holds; a new one, journalled, when it holds none. */
    private static byte[] urlSigningKey(SimulatorJournal journal) {
        for (ObjectNode entry : journal.entries()) {
            if (entry.path("kind").asText().equals(URL_SIGNING_KEY_ENTRY)) {
                return Base64.getDecoder().decode(entry.path("key").asText());
            }
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        journal.append(JsonInput.JSON.createObjectNode().put("kind", URL_SIGNING_KEY_ENTRY).put("id", "url")
                .put("key", Base64.getEncoder().encodeToString(key)));
        return key;
    }

    /** A freshly signed address of the render's artefact, or {@code null} when the render's request did not ask for it. */
    String signedUrl(SimulatedRender render, Artefact artefact, Instant now) {
        if (!artefact.madeFor(render.plan())) {
            return null;
        }
        String file = render.videoId() + artefact.suffix;
        String expires = Long.toString(now.plus(settings.videoUrlValidity()).getEpochSecond());
        return baseUrl.get() + "/sim-files/" + file + "?Expires=" + expires + "&Signature=" + sign(file, expires);
    }

    /** The size of the render's (uncaptioned) MP4 as downloads serve it, padding included. */
    long videoSize(SimulatedRender render) {
        return videoFile(render, Artefact.VIDEO).length();
    }

    void serve(Context ctx) {
        String file = ctx.pathParam("file");
        String expires = ctx.queryParam("Expires");
        String signature = ctx.queryParam("Signature");
        if (expires == null || signature == null || !MessageDigest.isEqual(
                sign(file, expires).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            denyFileAccess(ctx, "Invalid signature");
            return;
        }
        Instant now = clock.instant();
        if (now.getEpochSecond() > parseEpoch(expires)) {
            denyFileAccess(ctx, "Request has expired");
            return;
        }
        Artefact artefact = artefactOf(file);
        SimulatedRender render = artefact == null ? null : renders.get(file.substring(0, file.length() - artefact.suffix.length()));
        if (render == null || !render.succeededAt(now) || !artefact.madeFor(render.plan())) {
            denyFileAccess(ctx, "No such object");
            return;
        }
        ctx.contentType(artefact.contentType);
        switch (artefact) {
            case VIDEO, CAPTIONED_VIDEO -> sendVideo(ctx, file, videoFile(render, artefact));
            case SUBTITLES -> ctx.result(Subtitles.srt(render.plan()).getBytes(StandardCharsets.UTF_8));
            case POSTER -> ctx.result(PreviewPictures.jpegPoster(render.title(), render.plan()));
            case PREVIEW -> ctx.result(PreviewPictures.animatedGif(render.title(), render.plan()));
        }
    }

    private void sendVideo(Context ctx, String file, SimulatedVideoFile video) {
        ctx.header("Content-Length", Long.toString(video.length()));
        counters.downloadsStarted.incrementAndGet();
        try {
            if (faults.truncateDownload()) {
                // The promised length stays; the connection ends halfway, as a dropped CDN transfer does.
                counters.truncatedDownloads.incrementAndGet();
                LOG.info(HeyGenSimulator.LOG_PREFIX + "download of {} truncated at {} of {} bytes (fault)", file, video.length() / 2, video.length());
                ctx.result(video.open(video.length() / 2));
                return;
            }
            ctx.result(video.open(video.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        counters.videoDownloads.incrementAndGet();
    }

    private SimulatedVideoFile videoFile(SimulatedRender render, Artefact artefact) {
        Path mp4 = videos.mp4(render.plan(), artefact == Artefact.CAPTIONED_VIDEO);
        try {
            return new SimulatedVideoFile(mp4, Files.size(mp4), settings.videoBytes(), settings.downloadBytesPerSecond());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Artefact artefactOf(String file) {
        for (Artefact artefact : Artefact.values()) {
            if (file.endsWith(artefact.suffix)) {
                return artefact;
            }
        }
        return null;
    }

    /** Answers like a CDN refusing a presigned URL: 403 with an XML body, not HeyGen's JSON envelope. */
    private static void denyFileAccess(Context ctx, String reason) {
        ctx.status(403).contentType("application/xml")
                .result("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>" + reason + "</Message></Error>");
    }

    private String sign(String file, String expires) {
        return Hmac.sha256Hex(urlSigningKey, (file + ":" + expires).getBytes(StandardCharsets.UTF_8));
    }

    private static long parseEpoch(String expires) {
        try {
            return Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
