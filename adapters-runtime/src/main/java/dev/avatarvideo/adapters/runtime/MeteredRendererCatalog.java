package dev.avatarvideo.adapters.runtime;

import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** Counts the listings asked of the renderer; it sits under the cache, so only real calls count. */
public final class MeteredRendererCatalog implements RendererCatalog {

    private final RendererCatalog catalog;
    private final RendererCallMeters meters;

    public MeteredRendererCatalog(RendererCatalog catalog, MeterRegistry registry) {
        this.catalog = catalog;
        this.meters = new RendererCallMeters(registry);
    }

    @Override
    public RendererAnswer<List<AvatarLook>> avatarLooks(RendererCredentials credentials, AvatarLookFilter filter) {
        return meters.call("list_avatars", () -> catalog.avatarLooks(credentials, filter), MeteredRendererCatalog::outcome, MeteredRendererCatalog::isError);
    }

    @Override
    public RendererAnswer<List<Voice>> voices(RendererCredentials credentials, VoiceFilter filter) {
        return meters.call("list_voices", () -> catalog.voices(credentials, filter), MeteredRendererCatalog::outcome, MeteredRendererCatalog::isError);
    }

    private static String outcome(RendererAnswer<?> answer) {
        return ServiceMetrics.tagOf(answer.getClass());
    }

    private static boolean isError(RendererAnswer<?> answer) {
        return !(answer instanceof RendererAnswer.Answered<?>);
    }
}
