package dev.avatarvideo.adapters.web;

import dev.avatarvideo.adapters.web.VideoJson.CreateVideoRequest;
import dev.avatarvideo.adapters.web.VideoJson.VideoBody;
import dev.avatarvideo.adapters.web.VideoJson.VideoListBody;
import dev.avatarvideo.application.port.in.video.DeleteAvatarVideo;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideo;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.in.video.GetAvatarVideo;
import dev.avatarvideo.application.port.in.video.GetWaitingReasons;
import dev.avatarvideo.application.port.in.video.ListAvatarVideos;
import dev.avatarvideo.application.port.in.video.ListAvatarVideosQuery;
import dev.avatarvideo.application.port.in.video.RetryAvatarVideo;
import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFilter;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** {@code /api/videos}: request a video, read one, list them (filtered), delete one, retry a failed one. */
final class VideoRoutes {

    private final GenerateAvatarVideo generate;
    private final GetAvatarVideo get;
    private final ListAvatarVideos list;
    private final GetWaitingReasons waiting;
    private final DeleteAvatarVideo delete;
    private final RetryAvatarVideo retry;
    private final RequestTenant tenant;
    private final JsonBodies bodies;

    VideoRoutes(GenerateAvatarVideo generate, GetAvatarVideo get, ListAvatarVideos list, GetWaitingReasons waiting, JavalinServer.VideoChanges changes,
                RequestTenant tenant, JsonBodies bodies) {
        this.generate = generate;
        this.get = get;
        this.list = list;
        this.waiting = waiting;
        this.delete = changes.delete();
        this.retry = changes.retry();
        this.tenant = tenant;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/videos", this::create);
        routes.get("/api/videos", this::list);
        routes.get("/api/videos/{id}", this::get);
        routes.delete("/api/videos/{id}", this::delete);
        routes.post("/api/videos/{id}/retry", this::retry);
    }

    private void delete(Context ctx) {
        VideoId id = parseId(ctx.pathParam("id"));
        if (!delete.delete(tenant.of(ctx), id)) {
            throw new NotFoundException("no video " + id);
        }
        ctx.status(204);
    }

    private void retry(Context ctx) {
        VideoId id = parseId(ctx.pathParam("id"));
        AvatarVideo video = retry.retry(tenant.of(ctx), id).orElseThrow(() -> new NotFoundException("no video " + id));
        ctx.status(202).header("Location", "/api/videos/" + video.id()).json(VideoBody.of(video));
    }

    private void create(Context ctx) {
        CreateVideoRequest request = bodies.read(ctx, CreateVideoRequest.class);
        AvatarVideo video = generate.generate(GenerateAvatarVideoCommand.fromFields(tenant.of(ctx), request.title(),
                request.resolution(), request.aspectRatio(), CaptionChoices.of(request.captions()), request.callbackUrl(), request.scenes()));
        ctx.status(202).header("Location", "/api/videos/" + video.id()).json(VideoBody.of(video));
    }

    private void get(Context ctx) {
        TenantId tenantId = tenant.of(ctx);
        VideoId id = parseId(ctx.pathParam("id"));
        AvatarVideo video = get.get(tenantId, id).orElseThrow(() -> new NotFoundException("no video " + id));
        ctx.json(VideoBody.of(video, waiting.waitingOf(tenantId, List.of(video)).get(id)));
    }

    private void list(Context ctx) {
        int limit = parseLimit(ctx.queryParam("limit"));
        Optional<PageCursor> after = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isBlank()).map(CursorCodec::decode);
        VideoFilter filter = ListAvatarVideosQuery.filterFrom(ctx.queryParam("status"), ctx.queryParam("createdAfter"), ctx.queryParam("createdBefore"));
        TenantId tenantId = tenant.of(ctx);
        VideoPage page = list.list(new ListAvatarVideosQuery(tenantId, filter, limit, after));
        ctx.json(VideoListBody.of(page, waiting.waitingOf(tenantId, page.videos())));
    }

    /** A malformed id cannot name any video: answer as for an unknown one rather than explain our id format. */
    private static VideoId parseId(String text) {
        try {
            return VideoId.parse(text);
        } catch (InvalidInputException e) {
            throw new NotFoundException("no video " + text);
        }
    }

    private static int parseLimit(String text) {
        if (text == null || text.isBlank()) {
            return ListAvatarVideosQuery.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "limit must be a whole number between 1 and " + ListAvatarVideosQuery.MAX_LIMIT);
        }
    }
}
