package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.runtime.BackgroundWork;

/** The application's services, given their adapters: what the HTTP API and the background loops call. */
record UseCases(PlatformNotifications notifications, TenantRendering rendering, RenderTracking tracking, VideosAndTopics content,
                TenantAccess access) {

    static UseCases wire(Configuration config, int port, Persistence persistence, HeyGen heygen, Storage storage,
                         PlatformNotifications notifications, BackgroundWork background, Running running) {
        TenantRendering rendering = TenantRendering.wire(config, port, persistence, heygen);
        RenderTracking tracking = RenderTracking.wire(config, port, persistence, heygen, rendering);
        VideosAndTopics content = VideosAndTopics.wire(config, persistence, storage, notifications, rendering, background, running);
        return new UseCases(notifications, rendering, tracking, content, TenantAccess.wire(config, persistence));
    }
}
