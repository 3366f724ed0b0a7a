package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.heygen.HeyGenSettings;
import dev.avatarvideo.adapters.heygen.HeyGenWebhookReceiver;
import dev.avatarvideo.adapters.web.JavalinServer;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.runtime.WorkSignals;
import dev.avatarvideo.application.service.SignallingGenerateAvatarVideo;
import dev.avatarvideo.application.service.SignallingReceiveRenderEvent;
import dev.avatarvideo.application.service.SignallingRetryAvatarVideo;
import dev.avatarvideo.application.service.SignallingSaveTopic;
import dev.avatarvideo.domain.StorageKey;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API with every use case behind its routes. The ones that hand the background work something new (a video
 * queued, a render event kept) signal it, so it starts at once instead of at its next look.
 */
final class Web {

    private static final Logger LOG = LoggerFactory.getLogger(Web.class);

    private Web() {
    }

    static JavalinServer server(Configuration config, UseCases useCases, Storage storage, HeyGen heygen, WorkSignals signals,
                                JavalinServer.Operations operations) {
        VideosAndTopics content = useCases.content();
        PlatformNotifications notify = useCases.notifications();
        TenantAccess access = useCases.access();
        Configuration.TopicUploads uploads = config.topicUploads();
        return new JavalinServer(new JavalinServer.UseCases(
                new SignallingGenerateAvatarVideo(content.generate(), signals), content.queries(), content.queries(), useCases.tracking().waiting(),
                new JavalinServer.VideoChanges(content.delete(), new SignallingRetryAvatarVideo(content.retry(), signals)), storage.storedFiles(),
                new JavalinServer.TopicUseCases(new SignallingSaveTopic(content.topicSaver(), signals), content.topicSaver(),
                        content.topicQueries(), content.topicQueries(), content.topicDeleter()),
                useCases.rendering().catalogQueries(), useCases.rendering().catalogQueries(),
                new JavalinServer.TrackingUseCases(
                        List.of(new HeyGenWebhookReceiver(new SignallingReceiveRenderEvent(useCases.tracking().renderEvents(), signals))),
                        useCases.tracking().status()),
                new JavalinServer.LiveStatus(content.live(), config.notifications().sseKeepAlive()),
                new JavalinServer.NotificationUseCases(notify.endpoints(), notify.endpoints(), notify.endpoints(), notify.callbackSecretService(),
                        notify.callbackSecretService()),
                new JavalinServer.TenantUseCases(access.apiKeys(), access.apiKeys(), access.apiKeys(), access.apiKeys(), access.tenants(),
                        access.tenants()),
                new JavalinServer.RendererKeyUseCases(useCases.rendering().accounts(), useCases.rendering().accounts(),
                        useCases.rendering().accounts())),
                config.adminApiKey().map(key -> new JavalinServer.AdminKey(key.value())),
                new JavalinServer.Uploads(uploads.directory(), uploads.maxRequestBytes()), operations, Optional.of(access.deduplicator()),
                consoleOrigins(heygen.settings(), storage.files()));
    }

    /**
     * What the console's pages may load besides the service itself: avatar previews from HeyGen (or the simulator), and
     * stored videos with their posters and previews from where the storage's addresses point. That origin is read from an address the storage issues,
     * for a key that need not exist (issuing one asks no one), so it is the same for every provider and setting.
     */
    private static JavalinServer.ConsoleOrigins consoleOrigins(HeyGenSettings heygen, FileStorage storage) {
        URI stored = storage.accessUrl(new StorageKey("console/" + "0".repeat(32)),
                new FileStorage.UrlOptions(Duration.ofMinutes(1), "probe.mp4", "video/mp4"));
        List<String> storedFiles = nameable("stored videos and their posters", JavalinServer.ConsoleOrigins.originOf(stored));
        List<String> images = java.util.stream.Stream.concat(nameable("avatar previews", heygen.previewImageSource()).stream(),
                storedFiles.stream()).distinct().toList();
        return new JavalinServer.ConsoleOrigins(images, storedFiles);
    }

    /**
     * A host a policy cannot name (an underscore in a container's name, say) costs the console its pictures or videos
     * from there, not the service its start.
     */
    private static List<String> nameable(String what, String origin) {
        if (JavalinServer.ConsoleOrigins.nameable(origin)) {
            return List.of(origin);
        }
        LOG.warn("the web console cannot show {} from {}: a content security policy cannot name that host", what, origin);
        return List.of();
    }

    /** The port was free a moment ago; if another program took it since, that is said the same way. */
    static JavalinServer listen(JavalinServer web, String bindAddress, int port) {
        try {
            return web.start(bindAddress, port);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.BindException bind) {
                    throw StartChecks.portInUse(bindAddress, port, bind);
                }
            }
            throw e;
        }
    }
}
