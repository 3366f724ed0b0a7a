package dev.avatarvideo.bootstrap;

import static dev.avatarvideo.bootstrap.AvatarVideoService.CLOCK;

import dev.avatarvideo.adapters.runtime.DependencyProbes;
import dev.avatarvideo.adapters.runtime.ServiceMetrics;
import dev.avatarvideo.adapters.web.JavalinServer;
import dev.avatarvideo.adapters.web.MicrometerHttpMetrics;
import dev.avatarvideo.application.service.ReadinessCheck;
import java.time.Duration;
import java.util.List;

/** What operators watch: the metrics at {@code /metrics}, and whether the dependencies answer, at {@code /health/ready}. */
final class Operations {

    /** How long /health/ready waits for one dependency; a probe that takes longer counts as down. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** How long a readiness answer is reused: probes every second from a load balancer still ask the database rarely. */
    private static final Duration PROBE_FRESH_FOR = Duration.ofSeconds(5);
    /** HeyGen is asked about the key at most this often, however often readiness is probed. */
    private static final Duration HEYGEN_PROBE_FRESH_FOR = Duration.ofSeconds(30);
    /** How long the video counts behind the metrics are reused between scrapes. */
    private static final Duration VIDEO_COUNTS_FRESH_FOR = Duration.ofSeconds(10);

    private Operations() {
    }

    static JavalinServer.Operations wire(ServiceMetrics metrics, Persistence persistence, Storage storage, HeyGen heygen) {
        metrics.watchVideos(persistence.database().videoStatistics(), VIDEO_COUNTS_FRESH_FOR);
        return new JavalinServer.Operations(readiness(persistence, storage, heygen), new MicrometerHttpMetrics(metrics.registry(), metrics::scrape));
    }

    /**
     * The database and the storage are required; HeyGen is not: without it videos still queue and everything stored can
     * be read, and taking every instance out of the load balancer at once would make an outage of HeyGen's one of ours.
     * Its probe asks at most every {@link #HEYGEN_PROBE_FRESH_FOR}.
     */
    private static ReadinessCheck readiness(Persistence persistence, Storage storage, HeyGen heygen) {
        return new ReadinessCheck(List.of(
                new ReadinessCheck.Dependency(DependencyProbes.database(persistence.database()::isReachable), true, PROBE_TIMEOUT, PROBE_FRESH_FOR),
                new ReadinessCheck.Dependency(storage.probe(), true, PROBE_TIMEOUT, PROBE_FRESH_FOR),
                new ReadinessCheck.Dependency(heygen.probe(PROBE_TIMEOUT), false, PROBE_TIMEOUT.plusSeconds(1), HEYGEN_PROBE_FRESH_FOR)),
                CLOCK);
    }
}
