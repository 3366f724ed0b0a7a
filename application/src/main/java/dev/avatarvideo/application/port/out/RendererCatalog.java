package dev.avatarvideo.application.port.out;

import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import java.util.List;

/**
 * The avatar looks and voices a renderer account offers. Each answer is the whole listing, however many pages the
 * renderer hands it out in.
 */
public interface RendererCatalog {

    RendererAnswer<List<AvatarLook>> avatarLooks(RendererCredentials credentials, AvatarLookFilter filter);

    RendererAnswer<List<Voice>> voices(RendererCredentials credentials, VoiceFilter filter);
}
