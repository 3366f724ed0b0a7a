package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.JsonInput.bool;
import static dev.avatarvideo.heygen.simulator.JsonInput.httpUrl;
import static dev.avatarvideo.heygen.simulator.JsonInput.numberWithin;
import static dev.avatarvideo.heygen.simulator.JsonInput.object;
import static dev.avatarvideo.heygen.simulator.JsonInput.oneOf;
import static dev.avatarvideo.heygen.simulator.JsonInput.present;
import static dev.avatarvideo.heygen.simulator.JsonInput.requiredObject;
import static dev.avatarvideo.heygen.simulator.JsonInput.requiredString;
import static dev.avatarvideo.heygen.simulator.JsonInput.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v3/videos}, refused the way HeyGen's request schema refuses it: the discriminated union of
 * {@code CreateVideoFromAvatar} and {@code CreateVideoFromStudio} (with its {@code avatar_video}, {@code image} and
 * {@code video} scenes) that HeyGen's CLI is generated from ({@code heygen-cli gen/video.go}, {@code VideoCreate}).
 * Types, enums, ranges, required fields and the rules the schema states in words (mutually exclusive audio sources,
 * colour-only studio backgrounds, no background with {@code webm}) are checked; ids the account does not have answer
 * HeyGen's {@code avatar_not_found} / {@code voice_not_found}.
 */
final class VideoCreationRules {

    /** Not in the schema: HeyGen's docs limit a script to about 5000 characters. */
    static final int MAX_SCRIPT_LENGTH = 5000;
    /** The studio schema: "Must contain 1 to 50 scenes". */
    static final int MAX_SCENES = 50;
    /** An image scene's silent {@code duration}: "Must be > 0 and <= 300". */
    static final double MAX_SILENT_SECONDS = 300;
    static final List<String> TYPES = List.of("avatar", "image", "cinematic_avatar", "studio");
    private static final List<String> RESOLUTIONS = List.of("4k", "1080p", "720p");
    private static final List<String> ASPECT_RATIOS = List.of("16:9", "9:16", "4:5", "5:4", "1:1", "auto");
    private static final List<String> OUTPUT_FORMATS = List.of("mp4", "webm");
    private static final List<String> CAPTION_FORMATS = List.of("srt");
    private static final List<String> CAPTION_STYLES = List.of("default");
    private static final List<String> ENGINES = List.of("avatar_iii", "avatar_iv", "avatar_v");
    private static final List<String> VOICE_ENGINES = List.of("elevenlabs", "fish", "starfish");
    private static final List<String> EXPRESSIVENESS = List.of("high", "medium", "low");
    private static final List<String> FITS = List.of("contain", "cover");
    private static final List<String> BACKGROUND_TYPES = List.of("color", "image");
    private static final List<String> STUDIO_BACKGROUND_TYPES = List.of("color");
    private static final List<String> SCENE_TYPES = List.of("avatar_video", "image", "video");
    private static final List<String> SCENE_INPUT_TYPES = List.of("avatar", "image");
    private static final List<String> ASSET_TYPES = List.of("url", "asset_id", "base64");
    private static final Pattern HEX_COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

    private final Catalog catalog;

    VideoCreationRules(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Refuses {@code body} with the first rule it breaks, as a {@link HeyGenError} naming the field. */
    void check(JsonNode body) {
        String type = requiredString(body, "type", "");
        switch (type) {
            case "avatar" -> checkAvatarVideo(body);
            case "studio" -> checkStudio(body);
            case "image", "cinematic_avatar" -> throw HeyGenError.invalidParameter("type",
                    "type '" + type + "' is HeyGen's, but the SIMULATOR renders only 'avatar' and 'studio' videos");
            default -> throw HeyGenError.invalidParameter("type", "type must be one of " + TYPES + ", got '" + type + "'");
        }
        string(body, "title", "");
        string(body, "callback_id", "");
        httpUrl(body, "callback_url", "");
        oneOf(body, "resolution", RESOLUTIONS, "");
        oneOf(body, "aspect_ratio", ASPECT_RATIOS, "");
        checkCaption(object(body, "caption", ""));
    }

    /** A sidecar SRT always comes with a caption object; {@code style} (only "default") burns the captions in as well. */
    private static void checkCaption(JsonNode caption) {
        if (caption == null) {
            return;
        }
        oneOf(caption, "file_format", CAPTION_FORMATS, "caption.");
        oneOf(caption, "style", CAPTION_STYLES, "caption.");
    }

    private void checkAvatarVideo(JsonNode body) {
        checkAvatarSource(body, "");
        String format = oneOf(body, "output_format", OUTPUT_FORMATS, "");
        JsonNode background = object(body, "background", "");
        if (background != null && "webm".equals(format)) {
            throw HeyGenError.invalidParameter("background", "output_format 'webm' has a transparent background: any background is rejected");
        }
        checkAvatarBackground(background);
        oneOf(body, "fit", FITS, "");
        bool(body, "remove_background", "");
    }

    /** What an avatar video and a studio scene's avatar input share: the look, its engine, and one audio source. */
    private void checkAvatarSource(JsonNode node, String prefix) {
        String avatarId = requiredString(node, "avatar_id", prefix);
        Catalog.Look look = catalog.look(avatarId).orElseThrow(() -> HeyGenError.avatarNotFound(prefix + "avatar_id", avatarId));
        String engine = checkEngine(object(node, "engine", prefix), look, prefix + "engine.");
        if (oneOf(node, "expressiveness", EXPRESSIVENESS, prefix) != null && !"avatar_iv".equals(engine)) {
            throw HeyGenError.invalidParameter(prefix + "expressiveness", "expressiveness is Avatar IV only; rejected with engine '" + engine + "'");
        }
        if (string(node, "motion_prompt", prefix) != null && !look.avatarType().equals("photo_avatar") && !"avatar_v".equals(engine)) {
            throw HeyGenError.invalidParameter(prefix + "motion_prompt",
                    "motion_prompt is rejected for video avatars unless engine.type is 'avatar_v' (engine here: '" + engine + "')");
        }
        checkSpeech(node, prefix, true);
    }

    /** The engine's type, {@code avatar_iv} when absent (HeyGen's default); one the look does not list is refused. */
    private static String checkEngine(JsonNode engine, Catalog.Look look, String prefix) {
        if (engine == null) {
            return "avatar_iv";
        }
        String type = requiredString(engine, "type", prefix);
        oneOf(engine, "type", ENGINES, prefix);
        if (!look.engines().contains(type)) {
            throw HeyGenError.invalidParameter(prefix + "type", "avatar look '" + look.id() + "' supports the engines " + look.engines()
                    + " (its supported_api_engines), not '" + type + "'");
        }
        string(engine, "reference_look_id", prefix);
        return type;
    }

    /**
     * Exactly one audio source: a script (spoken by {@code voice_id}, or without one by the avatar's default voice where
     * an avatar speaks), {@code audio_url}, or {@code audio_asset_id}.
     */
    private void checkSpeech(JsonNode node, String prefix, boolean avatarVoiceFallback) {
        String script = string(node, "script", prefix);
        String audioUrl = string(node, "audio_url", prefix);
        String audioAsset = string(node, "audio_asset_id", prefix);
        int sources = (script == null ? 0 : 1) + (audioUrl == null ? 0 : 1) + (audioAsset == null ? 0 : 1);
        if (sources == 0) {
            throw HeyGenError.invalidParameter(prefix + "script", "an audio source is required: exactly one of script, audio_url or audio_asset_id");
        }
        if (sources > 1) {
            throw HeyGenError.invalidParameter(prefix + (script != null ? "script" : "audio_url"),
                    "script, audio_url and audio_asset_id are mutually exclusive: give exactly one");
        }
        if (script != null) {
            checkScript(node, script, prefix, avatarVoiceFallback);
        }
        checkVoiceSettings(object(node, "voice_settings", prefix), prefix + "voice_settings.");
    }

    private void checkScript(JsonNode node, String script, String prefix, boolean avatarVoiceFallback) {
        if (script.isBlank()) {
            throw HeyGenError.invalidParameter(prefix + "script", "script must not be empty");
        }
        if (script.length() > MAX_SCRIPT_LENGTH) {
            throw HeyGenError.invalidParameter(prefix + "script", "script must be at most " + MAX_SCRIPT_LENGTH + " characters");
        }
        String voiceId = string(node, "voice_id", prefix);
        if (voiceId == null && !avatarVoiceFallback) {
            throw HeyGenError.invalidParameter(prefix + "voice_id", "voice_id is required with a script");
        }
        if (voiceId != null && catalog.voice(voiceId).isEmpty()) {
            throw HeyGenError.voiceNotFound(prefix + "voice_id", voiceId);
        }
    }

    private static void checkVoiceSettings(JsonNode settings, String prefix) {
        if (settings == null) {
            return;
        }
        numberWithin(settings, "speed", 0.5, 1.5, prefix);
        numberWithin(settings, "pitch", -50, 50, prefix);
        numberWithin(settings, "volume", 0, 1, prefix);
        string(settings, "locale", prefix);
        JsonNode engine = object(settings, "engine_settings", prefix);
        if (engine != null) {
            requiredString(engine, "engine_type", prefix + "engine_settings.");
            oneOf(engine, "engine_type", VOICE_ENGINES, prefix + "engine_settings.");
        }
    }

    /** An avatar video's background: a colour {@code value}, or an image by {@code url} or {@code asset_id} (not both). */
    private static void checkAvatarBackground(JsonNode background) {
        if (background == null) {
            return;
        }
        String prefix = "background.";
        String type = requiredString(background, "type", prefix);
        oneOf(background, "type", BACKGROUND_TYPES, prefix);
        if (type.equals("color")) {
            requireHexColor(background, "value", prefix);
            return;
        }
        URI url = httpUrl(background, "url", prefix);
        String assetId = string(background, "asset_id", prefix);
        if ((url == null) == (assetId == null)) {
            throw HeyGenError.invalidParameter(prefix + "url", "an image background takes exactly one of url or asset_id (they are mutually exclusive)");
        }
    }

    private static void requireHexColor(JsonNode node, String field, String prefix) {
        String color = string(node, field, prefix);
        if (color == null || !HEX_COLOR.matcher(color).matches()) {
            throw HeyGenError.invalidParameter(prefix + field, field + " must be a hex colour like #1a2b3c");
        }
    }

    private void checkStudio(JsonNode body) {
        JsonNode scenes = body.get("scenes");
        if (scenes == null || scenes.isNull()) {
            throw HeyGenError.invalidParameter("scenes", "scenes is required");
        }
        if (!scenes.isArray() || scenes.isEmpty() || scenes.size() > MAX_SCENES) {
            throw HeyGenError.invalidParameter("scenes", "scenes must be an array of 1 to " + MAX_SCENES + " scenes");
        }
        for (int i = 0; i < scenes.size(); i++) {
            String prefix = "scenes[" + i + "].";
            JsonNode scene = scenes.get(i);
            if (!scene.isObject()) {
                throw HeyGenError.invalidParameter("scenes[" + i + "]", "each scene must be an object");
            }
            String type = requiredString(scene, "type", prefix);
            oneOf(scene, "type", SCENE_TYPES, prefix);
            switch (type) {
                case "avatar_video" -> checkAvatarVideoScene(requiredObject(scene, "input", prefix), prefix + "input.");
                case "image" -> checkImageScene(scene, prefix);
                default -> checkVideoScene(scene, prefix);
            }
        }
    }

    private void checkAvatarVideoScene(JsonNode input, String prefix) {
        String type = requiredString(input, "type", prefix);
        oneOf(input, "type", SCENE_INPUT_TYPES, prefix);
        if (type.equals("image")) {
            checkAsset(requiredObject(input, "image", prefix), prefix + "image.");
            oneOf(input, "expressiveness", EXPRESSIVENESS, prefix);
            string(input, "motion_prompt", prefix);
            checkSpeech(input, prefix, false);
            return;
        }
        checkAvatarSource(input, prefix);
        checkStudioBackground(object(input, "background", prefix), prefix + "background.");
    }

    /** "Color-only in v1": image and video material are scenes of their own, never a scene's background. */
    private static void checkStudioBackground(JsonNode background, String prefix) {
        if (background == null) {
            return;
        }
        String type = requiredString(background, "type", prefix);
        if (!STUDIO_BACKGROUND_TYPES.contains(type)) {
            throw HeyGenError.invalidParameter(prefix + "type", "a studio scene's background is colour-only ({\"type\": \"color\", \"color\":"
                    + " \"#RRGGBB\"}), got type '" + type + "'; show an image or a video as a scene of type 'image' or 'video'");
        }
        requireHexColor(background, "color", prefix);
    }

    /** A still image, either silent for {@code duration} seconds or narrated by exactly one audio source. */
    private void checkImageScene(JsonNode scene, String prefix) {
        checkAsset(requiredObject(scene, "source", prefix), prefix + "source.");
        boolean narrated = present(scene, "script") || present(scene, "audio_url") || present(scene, "audio_asset_id");
        if (present(scene, "duration")) {
            if (narrated) {
                throw HeyGenError.invalidParameter(prefix + "duration", "duration (silent) and an audio source (narrated) are mutually exclusive");
            }
            JsonNode duration = scene.get("duration");
            if (!duration.isNumber() || duration.asDouble() <= 0 || duration.asDouble() > MAX_SILENT_SECONDS) {
                throw HeyGenError.invalidParameter(prefix + "duration", "duration must be > 0 and <= " + MAX_SILENT_SECONDS + " seconds");
            }
            return;
        }
        if (!narrated) {
            throw HeyGenError.invalidParameter(prefix + "duration", "an image scene is silent (duration) or narrated (one audio source)");
        }
        checkSpeech(scene, prefix, false);
    }

    private static void checkVideoScene(JsonNode scene, String prefix) {
        checkAsset(requiredObject(scene, "source", prefix), prefix + "source.");
        JsonNode playback = object(scene, "playback", prefix);
        if (playback != null) {
            numberWithin(playback, "volume", 0, 1, prefix + "playback.");
            bool(playback, "mute", prefix + "playback.");
        }
    }

    /** HeyGen's asset input: an HTTPS {@code url}, an {@code asset_id}, or {@code base64} data with its media type. */
    private static void checkAsset(JsonNode asset, String prefix) {
        String type = requiredString(asset, "type", prefix);
        oneOf(asset, "type", ASSET_TYPES, prefix);
        switch (type) {
            case "url" -> {
                URI url = httpUrl(asset, "url", prefix);
                if (url == null || !"https".equals(url.getScheme())) {
                    throw HeyGenError.invalidParameter(prefix + "url", "url must be a publicly accessible HTTPS URL");
                }
            }
            case "asset_id" -> requiredString(asset, "asset_id", prefix);
            default -> {
                requiredString(asset, "media_type", prefix);
                requiredString(asset, "data", prefix);
            }
        }
    }
}
