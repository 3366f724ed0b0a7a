package dev.avatarvideo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracker against a stand-in service whose stream and answers the test controls. */
class StatusTrackerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final FakeService service = new FakeService();
    private final AvatarVideoClient client = AvatarVideoClient.builder(service.uri()).build();
    private StatusTracker tracker;

    @AfterEach
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
        service.close();
    }

    @Test
    void pollingReportsEachNewStatusOnceAndTheLastExactlyOnce() throws Exception {
        tracker = client.statusTracker(settings(TrackingMode.POLL));
        service.videos.put("v-1", FakeService.video("v-1", "RENDERING"));
        List<StatusUpdate> heard = Collections.synchronizedList(new ArrayList<>());

        Tracking tracking = tracker.track("v-1", heard::add);
        await(() -> !heard.isEmpty());
        Thread.sleep(200);
        service.videos.put("v-1", FakeService.video("v-1", "READY"));
        StatusUpdate last = tracking.terminal().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        Thread.sleep(200);

        assertThat(heard).extracting(StatusUpdate::status).containsExactly(VideoStatus.RENDERING, VideoStatus.READY);
        assertThat(heard).extracting(StatusUpdate::source).containsOnly(StatusUpdate.Source.POLL);
        assertThat(last.storedFile()).isPresent();
        assertThat(tracker.activeCount()).isZero();
        assertThat(service.streamRequests()).as("POLL mode never streams").isEmpty();
    }

    @Test
    void anUnknownVideoEndsItsTrackingWithTheServicesRefusal() {
        tracker = client.statusTracker(settings(TrackingMode.POLL));

        Tracking tracking = tracker.track("nope", update -> { });

        assertThatThrownBy(() -> tracking.terminal().get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void theStreamIsReadEventByEventAndReopenedAfterTheLastIdItSaw() throws Exception {
        tracker = client.statusTracker(settings(TrackingMode.SSE));
        service.videos.put("v-1", FakeService.video("v-1", "QUEUED"));
        List<StatusUpdate> heard = Collections.synchronizedList(new ArrayList<>());
        Tracking tracking = tracker.track("v-1", heard::add);
        await(() -> tracker.transport() == StatusTracker.Transport.STREAMING);

        service.streamEvent(7, "v-1", "QUEUED");
        service.streamEvent(8, "v-1", "RENDERING");
        await(() -> heard.size() == 2);
        service.endStream();
        await(() -> service.streamRequests().size() >= 2);
        service.streamEvent(8, "v-1", "RENDERING");
        service.streamEvent(9, "v-1", "FAILED");
        StatusUpdate last = tracking.terminal().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(heard).extracting(StatusUpdate::status).containsExactly(VideoStatus.QUEUED, VideoStatus.RENDERING, VideoStatus.FAILED);
        assertThat(heard).extracting(StatusUpdate::eventId).containsExactly(7L, 8L, 9L);
        assertThat(heard).extracting(StatusUpdate::source).containsOnly(StatusUpdate.Source.STREAM);
        assertThat(last.status()).isEqualTo(VideoStatus.FAILED);
        FakeService.Request reopened = service.streamRequests().get(1);
        assertThat(reopened.uri()).isEqualTo("/api/events?videoIds=v-1");
        assertThat(reopened.header("Last-Event-ID")).isEqualTo("8");
        assertThat(reopened.header("Accept")).isEqualTo("text/event-stream");
        assertThat(service.requests).as("SSE mode does not poll").noneMatch(r -> r.uri().startsWith("/api/videos/"));
    }

    @Test
    void aVideoTrackedLaterJoinsTheStreamWhichResumesAndReadsItOnce() throws Exception {
        tracker = client.statusTracker(settings(TrackingMode.SSE));
        service.videos.put("v-1", FakeService.video("v-1", "RENDERING"));
        service.videos.put("v-2", FakeService.video("v-2", "INGESTING"));
        List<StatusUpdate> first = Collections.synchronizedList(new ArrayList<>());
        List<StatusUpdate> second = Collections.synchronizedList(new ArrayList<>());
        tracker.track("v-1", first::add);
        await(() -> tracker.transport() == StatusTracker.Transport.STREAMING);
        service.streamEvent(5, "v-1", "RENDERING");
        await(() -> first.size() == 1);

        Tracking later = tracker.track("v-2", second::add);
        await(() -> service.streamRequests().size() >= 2 && !second.isEmpty());
        service.streamEvent(6, "v-2", "READY");

        assertThat(later.terminal().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(VideoStatus.READY);
        FakeService.Request reopened = service.streamRequests().getLast();
        assertThat(reopened.uri()).isEqualTo("/api/events?videoIds=v-1%2Cv-2");
        assertThat(reopened.header("Last-Event-ID")).isEqualTo("5");
        assertThat(second).extracting(StatusUpdate::status).containsExactly(VideoStatus.INGESTING, VideoStatus.READY);
        assertThat(second).extracting(StatusUpdate::source).containsExactly(StatusUpdate.Source.POLL, StatusUpdate.Source.STREAM);
        assertThat(service.requests).filteredOn(r -> r.uri().startsWith("/api/videos/")).extracting(FakeService.Request::uri)
                .as("only the newcomer is read, once").containsExactly("/api/videos/v-2");
    }

    @Test
    void autoModePollsWhileTheStreamIsRefusedAndStreamsOnceItIsBack() throws Exception {
        service.streamStatus = 503;
        tracker = client.statusTracker(settings(TrackingMode.AUTO));
        service.videos.put("v-1", FakeService.video("v-1", "RENDERING"));
        List<StatusUpdate> heard = Collections.synchronizedList(new ArrayList<>());
        Tracking tracking = tracker.track("v-1", heard::add);

        await(() -> tracker.transport() == StatusTracker.Transport.POLLING && !heard.isEmpty());
        assertThat(heard.getFirst().source()).isEqualTo(StatusUpdate.Source.POLL);
        service.streamStatus = 200;
        await(() -> tracker.transport() == StatusTracker.Transport.STREAMING);
        service.streamEvent(20, "v-1", "RENDERING");
        service.streamEvent(21, "v-1", "INGESTING");
        service.streamEvent(22, "v-1", "READY");
        StatusUpdate last = tracking.terminal().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(heard).extracting(StatusUpdate::status).containsExactly(VideoStatus.RENDERING, VideoStatus.INGESTING, VideoStatus.READY);
        assertThat(last.source()).isEqualTo(StatusUpdate.Source.STREAM);
    }

    @Test
    void aClosedTrackerTakesNoMoreVideos() {
        tracker = client.statusTracker(settings(TrackingMode.AUTO));
        tracker.close();

        assertThatThrownBy(() -> tracker.track("v-1", update -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(tracker.transport()).isEqualTo(StatusTracker.Transport.IDLE);
    }

    private static TrackerSettings settings(TrackingMode mode) {
        return TrackerSettings.defaults(mode).withPollInterval(Duration.ofMillis(100))
                .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
