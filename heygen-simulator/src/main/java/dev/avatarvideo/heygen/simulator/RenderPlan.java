package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.JsonInput.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a simulated render shows, decided when it is created: its scenes in order, each as long as speaking its script
 * takes, the frame size and which captions were asked for. Every artefact (MP4, subtitles, poster, preview) is made
 * from this, so they agree with each other and with the {@code duration} the status call reports.
 *
 * <p>Scene lengths are whole multiples of {@link #PIECE}, the length of the pre-encoded video pieces the MP4 is joined
 * from, so a scene's time range in the subtitles is exactly where it sits in the video.
 *
 * @param scenes at least one, in the order they play
 */
record RenderPlan(List<Scene> scenes, FrameSize frame, Captions captions) {

    /** How long one pre-encoded piece of video lasts: 16 frames at 25 fps, and exactly 30 AAC frames at 48 kHz. */
    static final Duration PIECE = Duration.ofMillis(640);
    /** A calm speaking rate (about 180 words a minute). */
    static final int CHARACTERS_PER_SECOND = 15;
    /** Even a one-word scene shows the avatar for a moment; so does a scene spoken from an audio file the simulator never reads. */
    static final Duration SHORTEST_SCENE = Duration.ofSeconds(2);

    /** HeyGen's caption options: none, a sidecar SRT ({@code caption}), or that plus a burned-in copy ({@code caption.style}). */
    enum Captions {
        NONE, SIDECAR, BURNED_IN
    }

    /**
     * One scene.
     *
     * @param script what the avatar says; {@code null} for a scene spoken from {@code audio_url} / {@code audio_asset_id}
     * @param backgroundColor {@code #RRGGBB}, or {@code null} when the scene has none (or an image)
     * @param pieces how many {@link #PIECE}s the scene lasts
     */
    record Scene(String avatarName, String script, String backgroundColor, int pieces) {

        Scene {
            Objects.requireNonNull(avatarName, "avatarName");
            if (pieces < 1) {
                throw new IllegalArgumentException("a scene lasts at least one piece");
            }
        }

        /** A scene as long as speaking its script at {@link #CHARACTERS_PER_SECOND}, and never shorter than {@link #SHORTEST_SCENE}. */
        static Scene spoken(String avatarName, String script, String backgroundColor) {
            long characters = script == null ? 0 : script.codePointCount(0, script.length());
            long millis = Math.max(SHORTEST_SCENE.toMillis(), characters * 1000 / CHARACTERS_PER_SECOND);
            int pieces = (int) ((millis + PIECE.toMillis() - 1) / PIECE.toMillis());
            return new Scene(avatarName, script, backgroundColor, pieces);
        }

        /** A scene without speech that lasts as long as its request said (whole pieces, rounded up). */
        static Scene silent(String name, Duration length) {
            long pieces = Math.max(1, (length.toMillis() + PIECE.toMillis() - 1) / PIECE.toMillis());
            return new Scene(name, null, null, (int) pieces);
        }
    }

    RenderPlan {
        scenes = List.copyOf(scenes);
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(captions, "captions");
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("a render has at least one scene");
        }
    }

    /** The plan of a creation request that already passed validation ({@code type} {@code avatar} or {@code studio}). */
    static RenderPlan from(JsonNode body, Catalog catalog) {
        List<Scene> scenes = new ArrayList<>();
        if ("studio".equals(text(body, "type", null))) {
            for (JsonNode scene : body.path("scenes")) {
                scenes.add(studioScene(scene, catalog));
            }
        } else {
            scenes.add(Scene.spoken(avatarName(body, catalog), text(body, "script", null), color(body, "value")));
        }
        JsonNode caption = body.get("caption");
        Captions captions = caption == null || caption.isNull() ? Captions.NONE
                : caption.hasNonNull("style") ? Captions.BURNED_IN : Captions.SIDECAR;
        return new RenderPlan(scenes, FrameSize.of(text(body, "resolution", null), text(body, "aspect_ratio", null)), captions);
    }

    int pieces() {
        return scenes.stream().mapToInt(Scene::pieces).sum();
    }

    Duration duration() {
        return PIECE.multipliedBy(pieces());
    }

    /** When scene {@code index} (from 0) starts playing. */
    Duration start(int index) {
        return PIECE.multipliedBy(scenes.subList(0, index).stream().mapToInt(Scene::pieces).sum());
    }

    /** When scene {@code index} (from 0) stops playing: where the next one starts. */
    Duration end(int index) {
        return start(index).plus(PIECE.multipliedBy(scenes.get(index).pieces()));
    }

    boolean sidecarSubtitles() {
        return captions != Captions.NONE;
    }

    boolean burnedInCaptions() {
        return captions == Captions.BURNED_IN;
    }

    /**
     * An {@code avatar_video} scene speaks its input's script; an {@code image} scene its own, or stays silent for its
     * {@code duration}; a {@code video} scene, whose clip the simulator never fetches, shows for the shortest time.
     */
    private static Scene studioScene(JsonNode scene, Catalog catalog) {
        String type = text(scene, "type", "");
        if (type.equals("avatar_video")) {
            JsonNode input = scene.path("input");
            return Scene.spoken(avatarName(input, catalog), text(input, "script", null), color(input, "color"));
        }
        if (scene.path("duration").isNumber()) {
            return Scene.silent(type, Duration.ofMillis(Math.round(scene.get("duration").asDouble() * 1000)));
        }
        return Scene.spoken(type, text(scene, "script", null), null);
    }

    /** The look's name; an avatar made from an image ({@code input.type: image}) has no look, so its type names it. */
    private static String avatarName(JsonNode input, Catalog catalog) {
        String avatarId = text(input, "avatar_id", null);
        if (avatarId == null) {
            return text(input, "type", "");
        }
        return catalog.look(avatarId).map(Catalog.Look::name).orElse(avatarId);
    }

    private static String color(JsonNode input, String field) {
        JsonNode background = input.path("background");
        return "color".equals(text(background, "type", null)) ? text(background, field, null) : null;
    }
}
