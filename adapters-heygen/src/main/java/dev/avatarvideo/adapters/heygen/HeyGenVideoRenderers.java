package dev.avatarvideo.adapters.heygen;

import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.application.port.out.rendering.VideoRenderers;
import dev.avatarvideo.domain.RendererCredentials;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link VideoRenderers} on HeyGen: one {@link HeyGenVideoRenderer} per API key, made on first use and kept (each holds
 * its own HTTP client), all on the same HeyGen address and settings.
 */
public final class HeyGenVideoRenderers implements VideoRenderers {

    private final HeyGenSettings settings;
    private final Map<String, VideoRenderer> byKeyFingerprint = new ConcurrentHashMap<>();

    public HeyGenVideoRenderers(HeyGenSettings settings) {
        this.settings = settings;
    }

    @Override
    public VideoRenderer forAccount(RendererCredentials credentials) {
        return byKeyFingerprint.computeIfAbsent(credentials.fingerprint(), fingerprint -> new HeyGenVideoRenderer(settings.withApiKey(credentials.apiKey())));
    }
}
