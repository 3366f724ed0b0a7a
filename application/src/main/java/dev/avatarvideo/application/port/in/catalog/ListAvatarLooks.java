package dev.avatarvideo.application.port.in.catalog;

import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.RendererAnswer;
import java.util.List;

/** List the avatar looks a tenant can put in a scene. */
public interface ListAvatarLooks {

    RendererAnswer<List<AvatarLook>> list(ListAvatarLooksQuery query);
}
