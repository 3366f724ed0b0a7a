package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.CaptionChoice;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SceneBackground;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VoiceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller asks for when requesting a video. Validates itself, so a command that exists is one the service can
 * queue; every complaint names the field as the caller wrote it ({@code scenes[0].script}).
 *
 * @param captions which captions to ask the renderer for and keep
 * @param callbackUrl where to tell the platform about every later status change of this video; {@code null} for nowhere
 */
public record GenerateAvatarVideoCommand(
        TenantId tenantId,
        String title,
        List<Scene> scenes,
        Resolution resolution,
        AspectRatio aspectRatio,
        CaptionChoice captions,
        NotificationUrl callbackUrl) {

    public GenerateAvatarVideoCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        title = AvatarVideo.checkTitle(title);
        scenes = AvatarVideo.checkScenes(scenes);
        requireColourBehindEverySceneOfSeveral(scenes);
        resolution = resolution == null ? Resolution.DEFAULT : resolution;
        aspectRatio = aspectRatio == null ? AspectRatio.DEFAULT : aspectRatio;
        captions = captions == null ? CaptionChoice.NONE : captions;
    }

    /**
     * HeyGen renders several scenes as one studio video, whose scenes take a colour background only (its schema:
     * "Color-only in v1"); an image behind the avatar exists in a video of one scene. Refused here rather than accepted
     * and failed by the renderer later.
     */
    private static void requireColourBehindEverySceneOfSeveral(List<Scene> scenes) {
        if (scenes.size() == 1) {
            return;
        }
        for (int i = 0; i < scenes.size(); i++) {
            if (scenes.get(i).background().orElse(null) instanceof SceneBackground.Image) {
                throw new InvalidInputException("scenes[" + i + "].background.imageUrl", "an image background is possible in a video of"
                        + " one scene only; in a video of several scenes each scene's background is a colour (background.color)");
            }
        }
    }

    /** A video without captions. */
    public GenerateAvatarVideoCommand(TenantId tenantId, String title, List<Scene> scenes, Resolution resolution, AspectRatio aspectRatio) {
        this(tenantId, title, scenes, resolution, aspectRatio, CaptionChoice.NONE);
    }

    /** A video nobody is called back about. */
    public GenerateAvatarVideoCommand(TenantId tenantId, String title, List<Scene> scenes, Resolution resolution, AspectRatio aspectRatio,
                                      CaptionChoice captions) {
        this(tenantId, title, scenes, resolution, aspectRatio, captions, null);
    }

    public Optional<NotificationUrl> callback() {
        return Optional.ofNullable(callbackUrl);
    }

    /** The fields of one scene exactly as a caller sent them, before validation; {@code voice} and {@code background} may be absent. */
    public record SceneFields(String avatarId, String voiceId, String script, VoiceFields voice, BackgroundFields background) {

        public SceneFields(String avatarId, String voiceId, String script) {
            this(avatarId, voiceId, script, null, null);
        }
    }

    /** How the voice should speak, as sent; absent numbers keep the voice's normal speed, pitch and volume. */
    public record VoiceFields(Double speed, Double pitch, Double volume, String locale) {
    }

    /** Exactly one of a colour ({@code #RRGGBB}) or an image address. */
    public record BackgroundFields(String color, String imageUrl) {
    }

    /**
     * Builds a command from a caller's raw fields. Absent resolution and aspect ratio take the defaults (720p, 16:9);
     * present but unknown ones are refused.
     */
    public static GenerateAvatarVideoCommand fromFields(TenantId tenantId, String title, String resolution,
                                                        String aspectRatio, List<SceneFields> scenes) {
        return fromFields(tenantId, title, resolution, aspectRatio, null, scenes);
    }

    /** As {@link #fromFields(TenantId, String, String, String, List)}, with the captions chosen ({@code null}: none). */
    public static GenerateAvatarVideoCommand fromFields(TenantId tenantId, String title, String resolution,
                                                        String aspectRatio, CaptionChoice captions, List<SceneFields> scenes) {
        return fromFields(tenantId, title, resolution, aspectRatio, captions, null, scenes);
    }

    /** As {@link #fromFields(TenantId, String, String, String, CaptionChoice, List)}, calling {@code callbackUrl} back when given. */
    public static GenerateAvatarVideoCommand fromFields(TenantId tenantId, String title, String resolution, String aspectRatio,
                                                        CaptionChoice captions, String callbackUrl, List<SceneFields> scenes) {
        if (scenes == null) {
            throw new InvalidInputException("scenes", "scenes is required: give at least one {avatarId, voiceId, script}");
        }
        List<Scene> parsed = new ArrayList<>(scenes.size());
        for (int i = 0; i < scenes.size(); i++) {
            SceneFields fields = scenes.get(i);
            if (fields == null) {
                throw new InvalidInputException("scenes[" + i + "]", "scenes[" + i + "] must be an object {avatarId, voiceId, script}");
            }
            try {
                parsed.add(new Scene(fields.avatarId(), fields.voiceId(), fields.script(), voice(fields.voice()), background(fields.background())));
            } catch (InvalidInputException e) {
                throw e.within("scenes[" + i + "]");
            }
        }
        return new GenerateAvatarVideoCommand(
                tenantId,
                title,
                parsed,
                resolution == null ? null : Resolution.fromLabel(resolution),
                aspectRatio == null ? null : AspectRatio.fromLabel(aspectRatio),
                captions,
                callbackUrl == null ? null : NotificationUrl.parse("callbackUrl", callbackUrl));
    }

    private static Optional<VoiceSettings> voice(VoiceFields fields) {
        if (fields == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VoiceSettings(
                    fields.speed() == null ? VoiceSettings.DEFAULT.speed() : fields.speed(),
                    fields.pitch() == null ? VoiceSettings.DEFAULT.pitch() : fields.pitch(),
                    fields.volume() == null ? VoiceSettings.DEFAULT.volume() : fields.volume(),
                    Optional.ofNullable(fields.locale())));
        } catch (InvalidInputException e) {
            throw e.within("voice");
        }
    }

    private static Optional<SceneBackground> background(BackgroundFields fields) {
        if (fields == null) {
            return Optional.empty();
        }
        try {
            boolean color = fields.color() != null;
            boolean image = fields.imageUrl() != null;
            if (color == image) {
                throw new InvalidInputException("color", "give exactly one of color (#RRGGBB) or imageUrl");
            }
            return Optional.of(color ? new SceneBackground.Color(fields.color()) : SceneBackground.Image.of(fields.imageUrl()));
        } catch (InvalidInputException e) {
            throw e.within("background");
        }
    }
}
