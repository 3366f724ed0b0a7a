package dev.avatarvideo.domain;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One look (outfit, pose, setting) of an avatar: its {@code id} is what a scene names as {@code avatarId}.
 *
 * @param gender as the renderer describes it, when it does
 * @param defaultVoiceId the voice the look speaks with unless a scene names another
 * @param supportedEngines the renderer's engines this look can be rendered with
 */
public record AvatarLook(String id, String name, AvatarType type, Optional<String> gender, Optional<URI> previewImageUrl,
                         Optional<URI> previewVideoUrl, Optional<String> defaultVoiceId, List<String> supportedEngines,
                         List<String> tags) {

    public AvatarLook {
        Require.notBlank("id", id);
        name = name == null || name.isBlank() ? id : name;
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(previewImageUrl, "previewImageUrl");
        Objects.requireNonNull(previewVideoUrl, "previewVideoUrl");
        Objects.requireNonNull(defaultVoiceId, "defaultVoiceId");
        supportedEngines = List.copyOf(supportedEngines);
        tags = List.copyOf(tags);
    }
}
