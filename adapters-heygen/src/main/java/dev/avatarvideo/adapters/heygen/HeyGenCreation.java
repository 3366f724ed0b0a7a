package dev.avatarvideo.adapters.heygen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SceneBackground;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
    /** The only caption style HeyGen documents; without a style HeyGen makes the sidecar SRT only, burns nothing in. */
    static final String BURNED_IN_CAPTION_STYLE = "default";

    private HeyGenCreation() {
    }

    /**
     * What HeyGen's schema cannot express, found before anything is sent: a studio scene's background is colour-only
     * ({@code StudioAvatarInput.background}, "Color-only in v1"), so an image behind the avatar exists in a
     * single-scene video only. Requests are refused at our door for it; this catches videos stored before that rule.
     */
    static Optional<SubmitOutcome.Invalid> unsupported(AvatarVideo video) {
        List<Scene> scenes = video.scenes();
        if (scenes.size() == 1) {
            return Optional.empty();
        }
        for (int i = 0; i < scenes.size(); i++) {
            if (scenes.get(i).background().orElse(null) instanceof SceneBackground.Image) {
                return Optional.of(new SubmitOutcome.Invalid(Optional.of("scenes[" + i + "].background.imageUrl"),
                        "HeyGen puts an avatar in front of an image only in a video of one scene; in a video of several scenes a"
                                + " scene's background is a colour"));
            }
        }
        return Optional.empty();
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
        if (video.captions().any()) {
            // Every captioned render comes with its SRT (subtitle_url); only a style makes HeyGen burn a second copy.
            ObjectNode caption = body.putObject("caption").put("file_format", "srt");
            if (video.captions().burnsIn()) {
                caption.put("style", BURNED_IN_CAPTION_STYLE);
            }
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

    /**
     * Which field of our request names the avatar or voice HeyGen does not know ({@code avatar_not_found},
     * {@code voice_not_found}): HeyGen's {@code param} when it sends one, else the one scene naming the id its message
     * quotes, else the only scene.
     */
    static Optional<String> missingIdField(String code, Optional<String> param, String message, AvatarVideo video) {
        if (param.isPresent()) {
            return param.map(p -> ourField(p, video));
        }
        boolean avatar = code.equals("avatar_not_found");
        Function<Scene, String> id = avatar ? Scene::avatarId : Scene::voiceId;
        String field = avatar ? "avatarId" : "voiceId";
        List<Scene> scenes = video.scenes();
        List<Integer> quoted = java.util.stream.IntStream.range(0, scenes.size())
                .filter(i -> message.contains("'" + id.apply(scenes.get(i)) + "'") || message.contains("\"" + id.apply(scenes.get(i)) + "\""))
                .boxed().toList();
        if (!quoted.isEmpty() && quoted.stream().map(i -> id.apply(scenes.get(i))).distinct().count() == 1) {
            return Optional.of("scenes[" + quoted.getFirst() + "]." + field);
        }
        return scenes.size() == 1 ? Optional.of("scenes[0]." + field) : Optional.empty();
    }

    private static String sceneField(String heygenField) {
        return SCENE_FIELDS.get(heygenField);
    }
}
