package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RendererCredentials;

/** The renderer as one account sees it: every call made with that account's key. */
@FunctionalInterface
public interface VideoRenderers {

    VideoRenderer forAccount(RendererCredentials credentials);
}
