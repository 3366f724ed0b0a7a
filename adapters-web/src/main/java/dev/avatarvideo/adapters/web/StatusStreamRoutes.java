package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.application.port.in.video.WatchVideoStatus;
import dev.avatarvideo.application.port.in.video.WatchVideoStatus.Opened;
import dev.avatarvideo.application.port.in.video.WatchVideoStatus.StatusWatch;
import dev.avatarvideo.application.port.in.video.WatchVideoStatusQuery;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Live status as server-sent events: {@code GET /api/videos/{id}/events} for one video, {@code GET /api/events?videoIds=}
 * for up to 100 on one connection. Every event carries its id; a client resumes with {@code Last-Event-ID} (or
 * {@code ?lastEventId=} where it cannot set headers) and gets exactly what it missed. A fresh stream opens with each
 * video's current state. Comments keep idle connections open through proxies.
 *
 * <p>Written by hand on a plain route rather than with Javalin's SSE handler, which answers only requests that say
 * {@code Accept: text/event-stream} (an empty 200 otherwise), commits its 200 before the handler can refuse an unknown
 * video with a 404 problem, and copies every event through buffered readers per client; here each event is encoded
 * once and the same bytes are written to every watcher.
 */
final class StatusStreamRoutes implements AutoCloseable {

    static final String CONTENT_TYPE = "text/event-stream";
    /** How long a client should wait before reconnecting after the stream ends. */
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final int FRAME_MEMO_SLOTS = 64;

    private final WatchVideoStatus watch;
    private final RequestTenant tenant;
    private final Duration keepAlive;
    private final ObjectMapper mapper;
    private final Set<StatusWatch> streaming = ConcurrentHashMap.newKeySet();
    /** The frames of recent events, by event id: one encoding per event however many watchers it goes to. */
    private final AtomicReferenceArray<Frame> frames = new AtomicReferenceArray<>(FRAME_MEMO_SLOTS);

    private record Frame(VideoEvent event, byte[] bytes) {
    }

    StatusStreamRoutes(WatchVideoStatus watch, RequestTenant tenant, Duration keepAlive, ObjectMapper mapper) {
        this.watch = watch;
        this.tenant = tenant;
        this.keepAlive = keepAlive;
        this.mapper = mapper;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/videos/{id}/events", ctx -> stream(ctx, List.of(oneVideo(ctx.pathParam("id")))));
        routes.get("/api/events", ctx -> stream(ctx, videoIds(ctx.queryParam("videoIds"))));
    }

    private void stream(Context ctx, List<VideoId> videoIds) {
        WatchVideoStatusQuery query = new WatchVideoStatusQuery(tenant.of(ctx), videoIds, lastEventId(ctx));
        switch (watch.watch(query)) {
            case Opened.UnknownVideo unknown -> throw new NotFoundException("no video " + unknown.videoId());
            case Opened.Watching watching -> send(ctx, watching.watch());
        }
    }

    private void send(Context ctx, StatusWatch opened) {
        streaming.add(opened);
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType(CONTENT_TYPE + ";charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        // Tells nginx and its kin not to buffer the stream.
        response.setHeader("X-Accel-Buffering", "no");
        try (StatusWatch watching = opened; OutputStream out = response.getOutputStream()) {
            out.write(("retry: " + RETRY.toMillis() + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (watching.isOpen()) {
                Optional<VideoEvent> next = watching.next(keepAlive);
                if (next.isEmpty()) {
                    if (watching.isOpen()) {
                        out.write(KEEP_ALIVE);
                    }
                } else {
                    // Whatever else is already waiting goes out in the same flush.
                    for (; next.isPresent(); next = watching.next(Duration.ZERO)) {
                        out.write(frame(next.get()));
                    }
                }
                out.flush();
            }
        } catch (IOException e) {
            // The client went away; its watch is closed above.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streaming.remove(opened);
        }
    }

    /** An event as one SSE message; the data is a single line, as JSON without pretty printing is. */
    private byte[] frame(VideoEvent event) {
        int slot = (int) (event.id() % FRAME_MEMO_SLOTS);
        Frame memo = frames.get(slot);
        if (memo != null && memo.event() == event) {
            return memo.bytes();
        }
        try {
            byte[] bytes = ("id: " + event.id() + "\ndata: " + mapper.writeValueAsString(EventJson.of(event)) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            frames.set(slot, new Frame(event, bytes));
            return bytes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write event " + event.id() + " as JSON", e);
        }
    }

    /** A browser's EventSource resends the id in the header on its own; the parameter is for clients that cannot. */
    private static OptionalLong lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        if (header != null && !header.isBlank()) {
            return OptionalLong.of(eventId("Last-Event-ID", header));
        }
        String parameter = ctx.queryParam("lastEventId");
        if (parameter != null && !parameter.isBlank()) {
            return OptionalLong.of(eventId("lastEventId", parameter));
        }
        return OptionalLong.empty();
    }

    private static long eventId(String field, String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException(field, field + " must be the id of an event this service sent (a whole number from 0), got '"
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
    }

    /** A malformed id in the path names no video, as for {@code GET /api/videos/{id}}. */
    private static VideoId oneVideo(String text) {
        try {
            return VideoId.parse(text);
        } catch (InvalidInputException e) {
            throw new NotFoundException("no video " + text);
        }
    }

    private static List<VideoId> videoIds(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("videoIds", "videoIds is required: the ids of the videos to follow, separated by commas");
        }
        String[] parts = text.split(",", WatchVideoStatusQuery.MAX_VIDEOS + 2);
        if (parts.length > WatchVideoStatusQuery.MAX_VIDEOS) {
            throw new InvalidInputException("videoIds", "videoIds may name at most " + WatchVideoStatusQuery.MAX_VIDEOS
                    + " videos per connection; open another connection for the rest");
        }
        List<VideoId> ids = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                continue;
            }
            try {
                ids.add(VideoId.parse(part));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("videoIds", "videoIds[" + i + "] is not a video id: '"
                        + (part.length() > 40 ? part.substring(0, 40) + "…" : part) + "'");
            }
        }
        return ids;
    }

    /** Ends every open stream, so stopping the server does not wait for idle watchers. */
    @Override
    public void close() {
        streaming.forEach(StatusWatch::close);
    }
}
