package dev.avatarvideo.adapters.heygen;

import dev.avatarvideo.application.service.TrackingPolicy;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.ProcessingMode;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the adapter tests share: videos to submit and quick, bounded retries so fault tests stay fast. */
final class Fixtures {

    /** For renders that take a second: looked at after 50 ms, then ever less often, never waiting more than a second. */
    static final TrackingPolicy FAST_POLLING = new TrackingPolicy(ProcessingMode.POLLING, Duration.ofMillis(50), 1.5, Duration.ofSeconds(1),
            Duration.ofMinutes(10), TrackingPolicy.DEFAULT.notFoundGrace(), TrackingPolicy.DEFAULT.renderDeadline());
    static final Scene ANNA = new Scene("sim-avatar-anna", "sim-voice-en-1", "Welcome to the course.");
    static final Scene BEN = new Scene("sim-avatar-ben", "sim-voice-en-2", "Let us begin.");

    /** Fast retries: five attempts, 50 ms to 400 ms apart, Retry-After up to 3 s waited in place. */
    static final HeyGenSettings.Retries QUICK_RETRIES = new HeyGenSettings.Retries(5, Duration.ofMillis(50), Duration.ofMillis(400),
            Duration.ofSeconds(15), Duration.ofSeconds(3));

    private Fixtures() {
    }

    static HeyGenSettings settings(HeyGenSimulator simulator) {
        return HeyGenSettings.of(simulator.baseUrl(), simulator.apiKey()).withRetries(QUICK_RETRIES).withRequestTimeout(Duration.ofSeconds(5));
    }

    static AvatarVideo video(List<Scene> scenes) {
        return AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), "Course intro", scenes, Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, Instant.now());
    }

    static AvatarVideo video() {
        return video(List.of(ANNA));
    }

    static long requestsTo(HeyGenSimulator simulator, String method, String path) {
        return simulator.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    static void await(String what, Duration atMost, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(atMost);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
