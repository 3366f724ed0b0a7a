package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.application.service.RendererCatalogQueries;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server closes its port but lets the requests it is answering finish. */
class GracefulStopTest {

    @TempDir
    Path uploads;

    private final CountDownLatch answering = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aRequestUnderWayWhenTheServerStopsIsStillAnsweredAndNewConnectionsAreRefused() throws Exception {
        FakeBackedServer backend = new FakeBackedServer(TenantId.of("stop"), uploads, 1_000_000,
                new RendererCatalogQueries(new SlowCatalog(), tenant -> new RendererCredentials("key")), JavalinServer.LiveStatus.DEFAULT_KEEP_ALIVE);
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(backend.uri("/api/avatars"))
                        .header("Authorization", "Bearer " + backend.apiKey).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answering.await(30, TimeUnit.SECONDS)).isTrue();

        java.net.URI live = backend.uri("/health/live");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(backend::close);
        awaitRefused(live);
        assertThat(stopping).as("still waiting for the request under way").isNotDone();
        release.countDown();

        HttpResponse<String> answered = slow.get(30, TimeUnit.SECONDS);
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("\"items\"");
    }

    private void awaitRefused(java.net.URI live) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                http.send(HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the stopping server still accepted connections after 30 s");
    }

    /** Answers a listing only once the test lets it. */
    private final class SlowCatalog implements RendererCatalog {

        @Override
        public RendererAnswer<List<AvatarLook>> avatarLooks(RendererCredentials credentials, AvatarLookFilter filter) {
            answering.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new RendererAnswer.Answered<>(List.of());
        }

        @Override
        public RendererAnswer<List<Voice>> voices(RendererCredentials credentials, VoiceFilter filter) {
            return new RendererAnswer.Answered<>(List.of());
        }
    }
}
