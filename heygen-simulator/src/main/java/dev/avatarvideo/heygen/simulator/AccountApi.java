package dev.avatarvideo.heygen.simulator;

import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an API key can ask about its account: {@code GET /v3/users/me}, {@code GET /v3/avatars/looks} and
 * {@code GET /v3/voices}, with HeyGen's filters and cursor pagination, plus the preview files the listings point at.
 */
final class AccountApi {

    /** HeyGen's bounds for {@code limit} per listing. */
    static final int LOOKS_MAX_LIMIT = 50;
    static final int LOOKS_DEFAULT_LIMIT = 20;
    static final int VOICES_MAX_LIMIT = 100;
    static final int VOICES_DEFAULT_LIMIT = 20;

    private final Catalog catalog;
    private final Supplier<URI> baseUrl;
    private final byte[] previewVideo;

    AccountApi(Catalog catalog, Supplier<URI> baseUrl, byte[] previewVideo) {
        this.catalog = catalog;
        this.baseUrl = baseUrl;
        this.previewVideo = previewVideo;
    }

    void me(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        Map<String, Object> autoReload = new LinkedHashMap<>();
        autoReload.put("enabled", false);
        Map<String, Object> wallet = new LinkedHashMap<>();
        wallet.put("currency", "usd");
        wallet.put("remaining_balance", account.balance());
        wallet.put("auto_reload", autoReload);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("username", account.username());
        data.put("email", account.username() + "@simulated.heygen.invalid");
        data.put("first_name", "Simulated");
        data.put("last_name", "User");
        data.put("billing_type", "wallet");
        data.put("wallet", wallet);
        data.put("subscription", null);
        data.put("usage_based", null);
        ctx.json(VideosApi.envelope(data));
    }

    void looks(Context ctx) {
        String avatarType = ctx.queryParam("avatar_type");
        String ownership = ctx.queryParam("ownership");
        JsonInput.oneOf("avatar_type", avatarType, Catalog.AVATAR_TYPES);
        JsonInput.oneOf("ownership", ownership, Catalog.OWNERSHIPS);
        int limit = Paging.limit(ctx.queryParam("limit"), LOOKS_DEFAULT_LIMIT, LOOKS_MAX_LIMIT);
        List<Catalog.Look> matching = catalog.looks().stream()
                .filter(look -> avatarType == null || look.avatarType().equals(avatarType))
                .filter(look -> ownership == null || look.ownership().equals(ownership))
                .toList();
        ctx.json(Paging.page(matching, ctx.queryParam("token"), limit, this::lookJson));
    }

    private Map<String, Object> lookJson(Catalog.Look look) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", look.id());
        json.put("name", look.name());
        json.put("avatar_type", look.avatarType());
        json.put("gender", look.gender());
        json.put("preview_image_url", baseUrl.get() + "/sim-previews/" + look.id() + ".svg");
        json.put("preview_video_url", baseUrl.get() + "/sim-previews/" + look.id() + ".mp4");
        json.put("default_voice_id", look.defaultVoiceId());
        json.put("supported_api_engines", look.engines());
        json.put("tags", look.tags());
        return json;
    }

    /** HeyGen lists public voices unless {@code type=private} asks for the account's own (cloned) ones. */
    void voices(Context ctx) {
        String type = ctx.queryParam("type") == null ? "public" : ctx.queryParam("type");
        String gender = ctx.queryParam("gender");
        String language = ctx.queryParam("language");
        JsonInput.oneOf("type", type, Catalog.VOICE_TYPES);
        JsonInput.oneOf("gender", gender, Catalog.GENDERS);
        int limit = Paging.limit(ctx.queryParam("limit"), VOICES_DEFAULT_LIMIT, VOICES_MAX_LIMIT);
        List<Catalog.Voice> matching = catalog.voices().stream()
                .filter(voice -> voice.type().equals(type))
                .filter(voice -> gender == null || voice.gender().equals(gender))
                .filter(voice -> language == null || voice.language().toLowerCase(Locale.ROOT).equals(language.strip().toLowerCase(Locale.ROOT)))
                .toList();
        ctx.json(Paging.page(matching, ctx.queryParam("token"), limit, AccountApi::voiceJson));
    }

    private static Map<String, Object> voiceJson(Catalog.Voice voice) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("voice_id", voice.voiceId());
        json.put("name", voice.name());
        json.put("language", voice.language());
        json.put("gender", voice.gender());
        json.put("preview_audio_url", null);
        json.put("support_pause", voice.supportPause());
        json.put("support_locale", voice.supportLocale());
        json.put("type", voice.type());
        return json;
    }

    /** Previews for the listings: a labelled placeholder image and the simulator's one video. */
    void preview(Context ctx) {
        String file = ctx.pathParam("file");
        String lookId = file.replaceFirst("\\.(svg|mp4)$", "");
        Catalog.Look look = catalog.look(lookId).orElseThrow(() -> HeyGenError.notFound("No preview " + file));
        if (file.endsWith(".mp4")) {
            ctx.contentType("video/mp4").result(previewVideo);
        } else {
            String label = look.name().replace("&", "&amp;").replace("<", "&lt;");
            ctx.contentType("image/svg+xml").result("""
                    <svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="100%%" height="100%%" fill="#334"/>\
                    <text x="50%%" y="50%%" fill="#fff" font-family="sans-serif" font-size="16" text-anchor="middle">%s</text></svg>"""
                    .formatted(label));
        }
    }
}
