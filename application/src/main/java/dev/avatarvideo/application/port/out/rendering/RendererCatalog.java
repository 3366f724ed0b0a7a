package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import java.util.List;

/**
 * The avatar looks and voices a renderer account offers. Each answer is the whole listing, however many pages the
 * renderer hands it out in. An implementation may remember listings; the {@code current...} methods are for when a
 * remembered listing lacks an id that may have been added since, and ask the renderer again.
 */
public interface RendererCatalog {

    RendererAnswer<List<AvatarLook>> avatarLooks(RendererCredentials credentials, AvatarLookFilter filter);

    RendererAnswer<List<Voice>> voices(RendererCredentials credentials, VoiceFilter filter);

    /** The looks as the renderer lists them now (or a listing it gave moments ago), not as remembered. */
    default RendererAnswer<List<AvatarLook>> currentAvatarLooks(RendererCredentials credentials, AvatarLookFilter filter) {
        return avatarLooks(credentials, filter);
    }

    /** The voices as the renderer lists them now (or a listing it gave moments ago), not as remembered. */
    default RendererAnswer<List<Voice>> currentVoices(RendererCredentials credentials, VoiceFilter filter) {
        return voices(credentials, filter);
    }
}
