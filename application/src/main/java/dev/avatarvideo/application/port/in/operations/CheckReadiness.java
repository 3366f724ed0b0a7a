package dev.avatarvideo.application.port.in.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Whether this instance can do its work now, dependency by dependency: what a load balancer's readiness probe asks. */
public interface CheckReadiness {

    Readiness check();

    /**
     * @param dependencies in the order they were configured
     */
    record Readiness(List<DependencyState> dependencies) {

        public Readiness {
            dependencies = List.copyOf(dependencies);
        }

        /** Ready when every dependency the service cannot work without answers. */
        public boolean ready() {
            return dependencies.stream().allMatch(d -> d.up() || !d.required());
        }

        /** {@code UP}, {@code DEGRADED} (ready, but an optional dependency is down) or {@code DOWN}. */
        public String status() {
            if (!ready()) {
                return "DOWN";
            }
            return dependencies.stream().allMatch(DependencyState::up) ? "UP" : "DEGRADED";
        }
    }

    /**
     * @param required whether the instance is not ready without it
     * @param took how long the probe took (or was waited for, when it did not answer in time)
     * @param checkedAt when the probe ran; answers are reused for a short while, so probes cannot hammer a dependency
     */
    record DependencyState(String name, boolean up, boolean required, String detail, Duration took, Instant checkedAt) {

        public DependencyState {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(checkedAt, "checkedAt");
        }
    }
}
