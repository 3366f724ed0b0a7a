package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.operations.CheckReadiness;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.DependencyProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks every dependency at once, each for at most its timeout, and reuses each answer while it is fresh. However often
 * readiness is asked, and however many ask at once, a dependency sees at most one probe per freshness period, and
 * never a second while one is still waiting for it: a hanging dependency is reported down at its timeout, not piled on.
 */
public final class ReadinessCheck implements CheckReadiness {

    /**
     * @param required whether the instance is not ready while this one is down
     * @param timeout how long a readiness answer waits for the probe
     * @param freshFor how long an answer is reused before the dependency is asked again
     */
    public record Dependency(DependencyProbe probe, boolean required, Duration timeout, Duration freshFor) {

        public Dependency {
            Objects.requireNonNull(probe, "probe");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            if (freshFor.isNegative()) {
                throw new IllegalArgumentException("freshFor must not be negative");
            }
        }
    }

    private final List<Tracked> dependencies;
    private final Clock clock;

    public ReadinessCheck(List<Dependency> dependencies, Clock clock) {
        this.dependencies = dependencies.stream().map(Tracked::new).toList();
        this.clock = clock;
    }

    @Override
    public Readiness check() {
        List<CompletableFuture<DependencyState>> answers = new ArrayList<>(dependencies.size());
        for (Tracked dependency : dependencies) {
            answers.add(dependency.current());
        }
        List<DependencyState> states = new ArrayList<>(dependencies.size());
        for (int i = 0; i < dependencies.size(); i++) {
            states.add(dependencies.get(i).await(answers.get(i)));
        }
        return new Readiness(states);
    }

    private final class Tracked {

        private final Dependency dependency;
        private DependencyState last;
        private CompletableFuture<DependencyState> inFlight;

        Tracked(Dependency dependency) {
            this.dependency = dependency;
        }

        /** The fresh answer, the probe already under way, or a new one. */
        synchronized CompletableFuture<DependencyState> current() {
            Instant now = clock.now();
            if (last != null && now.isBefore(last.checkedAt().plus(dependency.freshFor()))) {
                return CompletableFuture.completedFuture(last);
            }
            if (inFlight == null) {
                CompletableFuture<DependencyState> probing = new CompletableFuture<>();
                inFlight = probing;
                Thread.ofVirtual().name("readiness-" + dependency.probe().name()).start(() -> {
                    DependencyState state = null;
                    try {
                        state = probe(now);
                    } finally {
                        // Even a probe that died of an Error must not leave every later check waiting for it.
                        if (state == null) {
                            state = state(DependencyProbe.Result.down("the probe failed"), Duration.ZERO, now);
                        }
                        remember(state, probing);
                        probing.complete(state);
                    }
                });
            }
            return inFlight;
        }

        private DependencyState probe(Instant startedAt) {
            long start = System.nanoTime();
            DependencyProbe.Result result;
            try {
                result = Objects.requireNonNull(dependency.probe().probe(), "probe result");
            } catch (RuntimeException e) {
                result = DependencyProbe.Result.down(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return state(result, Duration.ofNanos(System.nanoTime() - start), startedAt);
        }

        private synchronized void remember(DependencyState state, CompletableFuture<DependencyState> probing) {
            last = state;
            if (inFlight == probing) {
                inFlight = null;
            }
        }

        DependencyState await(CompletableFuture<DependencyState> answer) {
            try {
                return answer.get(dependency.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                DependencyState late = state(DependencyProbe.Result.down("no answer within " + dependency.timeout().toMillis() + " ms"),
                        dependency.timeout(), clock.now());
                rememberUnlessAnswered(late);
                return late;
            } catch (ExecutionException e) {
                return state(DependencyProbe.Result.down(String.valueOf(e.getCause())), Duration.ZERO, clock.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state(DependencyProbe.Result.down("interrupted while waiting for the probe"), Duration.ZERO, clock.now());
            }
        }

        /** A probe that did not answer in time counts as down until it answers or its answer goes stale. */
        private synchronized void rememberUnlessAnswered(DependencyState late) {
            if (inFlight != null) {
                last = late;
            }
        }

        private DependencyState state(DependencyProbe.Result result, Duration took, Instant checkedAt) {
            return new DependencyState(dependency.probe().name(), result.up(), dependency.required(), result.detail(), took, checkedAt);
        }
    }
}
