package dev.avatarvideo.application.port.in;

import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a caller asks for when requesting a video. Validates itself, so a command that exists is one the service can
 * queue; every complaint names the field as the caller wrote it ({@code scenes[0].script}).
 */
public record GenerateAvatarVideoCommand(
        TenantId tenantId,
        String title,
        List<Scene> scenes,
        Resolution resolution,
        AspectRatio aspectRatio) {

    public GenerateAvatarVideoCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        title = AvatarVideo.checkTitle(title);
        scenes = AvatarVideo.checkScenes(scenes);
        resolution = resolution == null ? Resolution.DEFAULT : resolution;
        aspectRatio = aspectRatio == null ? AspectRatio.DEFAULT : aspectRatio;
    }

    /** The fields of one scene exactly as a caller sent them, before validation. */
    public record SceneFields(String avatarId, String voiceId, String script) {
    }

    /**
     * Builds a command from a caller's raw fields. Absent resolution and aspect ratio take the defaults (720p, 16:9);
     * present but unknown ones are refused.
     */
    public static GenerateAvatarVideoCommand fromFields(TenantId tenantId, String title, String resolution,
                                                        String aspectRatio, List<SceneFields> scenes) {
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
                parsed.add(new Scene(fields.avatarId(), fields.voiceId(), fields.script()));
            } catch (InvalidInputException e) {
                throw e.within("scenes[" + i + "]");
            }
        }
        return new GenerateAvatarVideoCommand(
                tenantId,
                title,
                parsed,
                resolution == null ? null : Resolution.fromLabel(resolution),
                aspectRatio == null ? null : AspectRatio.fromLabel(aspectRatio));
    }
}
