package dev.avatarvideo.adapters.heygen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SceneBackground;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v3/videos} for one of our videos, and the way back: HeyGen's name for a refused field
 * turned into the field of our request ({@code scenes[1].input.avatar_id} is {@code scenes[1].avatarId}).
 */
final class HeyGenCreation {

    private static final Pattern SCENE_PARAM = Pattern.compile("scenes\\[(\\d+)]\\.input\\.(.+)");
    private static final Map<String, String> SCENE_FIELDS = Map.ofEntries(
            Map.entry("avatar_id", "avatarId"),
            Map.entry("voice_id", "voiceId"),
            Map.entry("script", "script"),
            Map.entry("voice_settings", "voice"),
            Map.entry("voice_settings.speed", "voice.speed"),
            Map.entry("voice_settings.pitch", "voice.pitch"),
            Map.entry("voice_settings.volume", "voice.volume"),
            Map.entry("voice_settings.locale", "voice.locale"),
            Map.entry("background", "background"),
            Map.entry("background.type", "background"),
            Map.entry("background.value", "background.color"),
            Map.entry("background.color", "background.color"),
            Map.entry("background.url", "background.imageUrl"));
    private static final Map<String, String> VIDEO_FIELDS = Map.of(
            "title", "title",
            "resolution", "resolution",
            "aspect_ratio", "aspectRatio",
            "scenes", "scenes",
            "caption", "captions",
            "caption.file_format", "captions",
            "caption.style", "captions");

    private HeyGenCreation() {
    }

    /** One scene goes as {@code type: avatar}; several as {@code type: studio} with one {@code avatar_video} scene each. */
    static byte[] body(ObjectMapper json, AvatarVideo video) {
        ObjectNode body = json.createObjectNode();
        List<Scene> scenes = video.scenes();
        if (scenes.size() == 1) {
            body.put("type", "avatar");
            Scene scene = scenes.getFirst();
            writeScene(body, scene);
            // An avatar video names a background colour "value"; a studio scene names it "color" (HeyGen's two shapes).
            scene.background().ifPresent(background -> writeBackground(body.putObject("background"), background, "value"));
        } else {
            body.put("type", "studio");
            ArrayNode sceneNodes = body.putArray("scenes");
            for (Scene scene : scenes) {
                ObjectNode input = sceneNodes.addObject().put("type", "avatar_video").putObject("input");
                input.put("type", "avatar");
                writeScene(input, scene);
                scene.background().ifPresent(background -> writeBackground(input.putObject("background"), background, "color"));
            }
        }
        if (video.captions()) {
            // Without a style HeyGen makes only the sidecar SRT; the burned-in copy our captions promise needs one.
            body.putObject("caption").put("file_format", "srt").put("style", "default");
        }
        if (video.title() != null) {
            body.put("title", video.title());
        }
        body.put("resolution", video.resolution().label());
        body.put("aspect_ratio", video.aspectRatio().label());
        body.put("callback_id", video.id().toString());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a HeyGen request body", e);
        }
    }

    private static void writeScene(ObjectNode node, Scene scene) {
        node.put("avatar_id", scene.avatarId());
        node.put("voice_id", scene.voiceId());
        node.put("script", scene.script());
        scene.voice().ifPresent(voice -> {
            ObjectNode settings = node.putObject("voice_settings");
            settings.put("speed", voice.speed());
            settings.put("pitch", voice.pitch());
            settings.put("volume", voice.volume());
            voice.locale().ifPresent(locale -> settings.put("locale", locale));
        });
    }

    private static void writeBackground(ObjectNode node, SceneBackground background, String colorField) {
        switch (background) {
            case SceneBackground.Color color -> node.put("type", "color").put(colorField, color.hex());
            case SceneBackground.Image image -> node.put("type", "image").put("url", image.url().toString());
        }
    }

    /** Our request's name for the field HeyGen refused; HeyGen's own name when there is no counterpart. */
    static String ourField(String heygenParam, AvatarVideo video) {
        Matcher scene = SCENE_PARAM.matcher(heygenParam);
        if (scene.matches()) {
            String field = sceneField(scene.group(2));
            return field == null ? heygenParam : "scenes[" + scene.group(1) + "]." + field;
        }
        String top = VIDEO_FIELDS.get(heygenParam);
        if (top != null) {
            return top;
        }
        String field = video.scenes().size() == 1 ? sceneField(heygenParam) : null;
        return field == null ? heygenParam : "scenes[0]." + field;
    }

    private static String sceneField(String heygenField) {
        return SCENE_FIELDS.get(heygenField);
    }
}
