package dev.avatarvideo.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.application.port.out.notification.NotificationSender;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderedVideo;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The decorators count what passes through the ports, and change nothing of it. */
class MeteredPortsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final RendererCredentials KEY = new RendererCredentials("metered-key");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScriptedVideoRenderer heygen = new ScriptedVideoRenderer();
    private final MeteredVideoRenderers renderers = new MeteredVideoRenderers(credentials -> heygen, registry);

    @Test
    void submissionsAreCountedByOutcomeAndRefusalsAsErrors() {
        AvatarVideo first = video();
        AvatarVideo second = video();
        VideoRenderer renderer = renderers.forAccount(KEY);

        VideoRenderer.SubmitOutcome accepted = renderer.submit(first);
        heygen.onSubmit(video -> new VideoRenderer.SubmitOutcome.RateLimited(Duration.ofSeconds(3)));
        VideoRenderer.SubmitOutcome limited = renderer.submit(second);

        assertThat(accepted).isInstanceOf(VideoRenderer.SubmitOutcome.Accepted.class);
        assertThat(limited).isEqualTo(new VideoRenderer.SubmitOutcome.RateLimited(Duration.ofSeconds(3)));
        assertThat(count("heygen.calls", "submit", "accepted")).isEqualTo(1);
        assertThat(count("heygen.calls", "submit", "rate_limited")).isEqualTo(1);
        assertThat(count("heygen.errors", "submit", "rate_limited")).isEqualTo(1);
        assertThat(registry.find("heygen.errors").tag("outcome", "accepted").counter()).isNull();
        assertThat(registry.get("heygen.call.duration").tag("operation", "submit").timer().count()).isEqualTo(2);
    }

    @Test
    void aFailedRenderIsAnAnswerButAnUnknownRenderIsAnError() {
        AvatarVideo video = video();
        VideoRenderer renderer = renderers.forAccount(KEY);
        renderer.submit(video);
        RenderId render = heygen.renderOf(video.id());
        heygen.reportStatus(video.id(), new RenderStatus.Failed(new dev.avatarvideo.domain.VideoFailure("MODERATION", "refused")));

        renderer.status(render);
        renderer.status(new RenderId("unknown-render"));

        assertThat(count("heygen.calls", "status", "failed")).isEqualTo(1);
        assertThat(registry.find("heygen.errors").tag("outcome", "failed").counter()).isNull();
        assertThat(count("heygen.calls", "status", "not_found")).isEqualTo(1);
        assertThat(count("heygen.errors", "status", "not_found")).isEqualTo(1);
    }

    @Test
    void aDownloadCountsItsBytesAsTheyPassAndTimesTheCopyWhenClosed() throws Exception {
        AvatarVideo video = video();
        VideoRenderer renderer = renderers.forAccount(KEY);
        renderer.submit(video);
        heygen.completeRender(video.id());
        heygen.serveVideo(new byte[300_000], OptionalLong.of(300_000));
        VideoRenderer.DownloadLink link = ((RenderStatus.Completed) renderer.status(heygen.renderOf(video.id()))).files().orElseThrow().video();

        byte[] copied;
        try (RenderedVideo download = renderer.download(link)) {
            assertThat(registry.get("avatarvideo.ingest.in.progress").gauge().value()).isEqualTo(1);
            copied = download.content().readAllBytes();
            assertThat(registry.get("avatarvideo.ingest.bytes").counter().count()).isEqualTo(300_000);
        }

        assertThat(copied).hasSize(300_000);
        assertThat(registry.get("avatarvideo.ingest.duration").tag("outcome", "complete").tag("part", "video").timer().count()).isEqualTo(1);
        assertThat(registry.get("avatarvideo.ingest.in.progress").gauge().value()).isZero();
        assertThat(count("heygen.calls", "download", "opened")).isEqualTo(1);
    }

    @Test
    void aDownloadClosedEarlyIsTimedAsIncomplete() throws Exception {
        AvatarVideo video = video();
        VideoRenderer renderer = renderers.forAccount(KEY);
        renderer.submit(video);
        heygen.completeRender(video.id());
        heygen.serveVideo(new byte[10_000], OptionalLong.of(10_000));
        VideoRenderer.DownloadLink link = ((RenderStatus.Completed) renderer.status(heygen.renderOf(video.id()))).files().orElseThrow().video();

        try (RenderedVideo download = renderer.download(link)) {
            assertThat(download.content().readNBytes(4_000)).hasSize(4_000);
        }

        assertThat(registry.get("avatarvideo.ingest.duration").tag("outcome", "incomplete").timer().count()).isEqualTo(1);
        assertThat(registry.get("avatarvideo.ingest.bytes").counter().count()).isEqualTo(4_000);
    }

    @Test
    void anExceptionIsCountedUnderItsNameAndPassedOn() {
        MeteredVideoRenderers failing = new MeteredVideoRenderers(credentials -> {
            throw new IllegalStateException("no account");
        }, registry);
        VideoRenderer broken = new MeteredVideoRenderers(credentials -> new ResetConnection(), registry).forAccount(KEY);

        assertThatThrownBy(() -> failing.forAccount(KEY)).hasMessage("no account");
        assertThatThrownBy(() -> broken.statuses(List.of(new RenderId("r1")))).hasMessage("connection reset");
        assertThat(count("heygen.calls", "statuses", "download_failed_exception")).isEqualTo(1);
        assertThat(count("heygen.errors", "statuses", "download_failed_exception")).isEqualTo(1);
    }

    @Test
    void catalogListingsAreCountedByOutcome() {
        MeteredRendererCatalog catalog = new MeteredRendererCatalog(new InMemoryRendererCatalog().accept(KEY), registry);

        catalog.avatarLooks(KEY, AvatarLookFilter.ALL);
        catalog.avatarLooks(new RendererCredentials("revoked"), AvatarLookFilter.ALL);

        assertThat(count("heygen.calls", "list_avatars", "answered")).isEqualTo(1);
        assertThat(count("heygen.calls", "list_avatars", "key_rejected")).isEqualTo(1);
        assertThat(count("heygen.errors", "list_avatars", "key_rejected")).isEqualTo(1);
    }

    @Test
    void notificationAttemptsAreCountedByOutcome() {
        NotificationSender delivered = (url, id, at, event, secret) -> new NotificationSender.Outcome.Delivered(204);
        NotificationSender refused = (url, id, at, event, secret) -> new NotificationSender.Outcome.Failed("answered 500");
        VideoEvent event = new VideoEvent(7, VideoId.newId(), TenantId.of("acme"), VideoStatus.RENDERING, null, null, NOW);
        NotificationUrl url = NotificationUrl.parse("url", "https://platform.example/hooks");
        SigningSecret secret = SigningSecret.generate();

        new MeteredNotificationSender(delivered, registry).send(url, "evt_7", NOW, event, secret);
        NotificationSender.Outcome failed = new MeteredNotificationSender(refused, registry).send(url, "evt_7", NOW, event, secret);

        assertThat(failed).isEqualTo(new NotificationSender.Outcome.Failed("answered 500"));
        assertThat(registry.get("avatarvideo.notifications.deliveries").tag("outcome", "delivered").tag("event", "video.rendering").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("avatarvideo.notifications.deliveries").tag("outcome", "failed").counter().count()).isEqualTo(1);
    }

    private double count(String name, String operation, String outcome) {
        var counter = registry.find(name).tag("operation", operation).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static AvatarVideo video() {
        return AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), "Metered", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, NOW);
    }

    /** A renderer whose every call fails at the transport. */
    private static final class ResetConnection implements VideoRenderer {

        @Override
        public SubmitOutcome submit(AvatarVideo video) {
            throw new DownloadFailedException("connection reset");
        }

        @Override
        public RenderStatus status(RenderId renderId) {
            throw new DownloadFailedException("connection reset");
        }

        @Override
        public java.util.Map<RenderId, RenderStatus> statuses(List<RenderId> renderIds) {
            throw new DownloadFailedException("connection reset");
        }

        @Override
        public int statusBatchLimit() {
            return 100;
        }

        @Override
        public RenderedVideo download(DownloadLink link) {
            throw new DownloadFailedException("connection reset");
        }
    }
}
