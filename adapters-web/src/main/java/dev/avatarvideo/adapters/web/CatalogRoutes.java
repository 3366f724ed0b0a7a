package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.avatarvideo.application.port.in.catalog.ListAvatarLooks;
import dev.avatarvideo.application.port.in.catalog.ListAvatarLooksQuery;
import dev.avatarvideo.application.port.in.catalog.ListVoices;
import dev.avatarvideo.application.port.in.catalog.ListVoicesQuery;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.Voice;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * {@code GET /api/avatars} and {@code GET /api/voices}: what a scene can name as {@code avatarId} and {@code voiceId}.
 * When the renderer cannot list, the caller learns why from a problem document: 502 when it refuses this service,
 * 503 (with {@code Retry-After} when known) when it is busy or unwell.
 */
final class CatalogRoutes {

    private final ListAvatarLooks avatars;
    private final ListVoices voices;
    private final RequestTenant tenant;

    CatalogRoutes(ListAvatarLooks avatars, ListVoices voices, RequestTenant tenant) {
        this.avatars = avatars;
        this.voices = voices;
        this.tenant = tenant;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/avatars", this::avatars);
        routes.get("/api/voices", this::voices);
    }

    private void avatars(Context ctx) {
        ListAvatarLooksQuery query = ListAvatarLooksQuery.fromParameters(tenant.of(ctx), ctx.queryParam("avatarType"), ctx.queryParam("ownership"));
        answer(ctx, avatars.list(query), AvatarBody::of);
    }

    private void voices(Context ctx) {
        ListVoicesQuery query = ListVoicesQuery.fromParameters(tenant.of(ctx), ctx.queryParam("language"), ctx.queryParam("gender"),
                ctx.queryParam("type"));
        answer(ctx, voices.list(query), VoiceBody::of);
    }

    private static <T, B> void answer(Context ctx, RendererAnswer<List<T>> answer, Function<T, B> toBody) {
        switch (answer) {
            case RendererAnswer.Answered<List<T>> answered -> ctx.json(new ItemsBody<>(answered.value().stream().map(toBody).toList()));
            case RendererAnswer.KeyRejected<List<T>> rejected -> problem(ctx, 502, "renderer-key-rejected",
                    "The renderer refused this service's credentials",
                    "HeyGen refused the API key this service uses (" + rejected.message() + "); the operator has to fix HEYGEN_API_KEY.");
            case RendererAnswer.RateLimited<List<T>> limited -> {
                ctx.header("Retry-After", Long.toString(Math.max(1, limited.retryAfter().toSeconds())));
                problem(ctx, 503, "renderer-rate-limited", "The renderer asks us to slow down",
                        "HeyGen is rate limiting this service; try again in " + Math.max(1, limited.retryAfter().toSeconds()) + " s.");
            }
            case RendererAnswer.Unavailable<List<T>> unavailable -> problem(ctx, 503, "renderer-unavailable",
                    "The renderer is unavailable", "HeyGen could not be asked right now (" + unavailable.reason() + "); try again shortly.");
            case RendererAnswer.Refused<List<T>> refused -> problem(ctx, 502, "renderer-refused", "The renderer refused the listing",
                    "HeyGen refused the listing: " + refused.message());
            case RendererAnswer.NotFound<List<T>> notFound -> problem(ctx, 502, "renderer-refused", "The renderer refused the listing",
                    "HeyGen did not find the listing: " + notFound.message());
        }
    }

    private static void problem(Context ctx, int status, String slug, String title, String detail) {
        ctx.status(status).json(new Problem("/problems/" + slug, title, status, detail, ctx.path(), null)).contentType(Problem.CONTENT_TYPE);
    }

    record ItemsBody<B>(List<B> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AvatarBody(String id, String name, String avatarType, String gender, String previewImageUrl, String previewVideoUrl,
                      String defaultVoiceId, List<String> supportedEngines, List<String> tags) {

        static AvatarBody of(AvatarLook look) {
            return new AvatarBody(look.id(), look.name(), look.type().label(), look.gender().orElse(null),
                    look.previewImageUrl().map(URI::toString).orElse(null), look.previewVideoUrl().map(URI::toString).orElse(null),
                    look.defaultVoiceId().orElse(null), look.supportedEngines(), look.tags());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VoiceBody(String id, String name, String language, String gender, String previewAudioUrl, boolean supportsPause,
                     boolean supportsLocale, String type) {

        static VoiceBody of(Voice voice) {
            return new VoiceBody(voice.id(), voice.name(), voice.language(), voice.gender().orElse(null),
                    voice.previewAudioUrl().map(URI::toString).orElse(null), voice.supportsPause(), voice.supportsLocale(),
                    voice.ownership().label());
        }
    }
}
