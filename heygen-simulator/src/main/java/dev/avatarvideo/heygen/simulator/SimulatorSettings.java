package dev.avatarvideo.heygen.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated HeyGen behaves.
 *
 * @param port where it listens; 0 picks a free port
 * @param apiKey the only {@code X-Api-Key} it accepts
 * @param renderTime how long a render takes from creation to {@code completed}
 * @param videoUrlValidity how long a signed video URL works (HeyGen: 7 days)
 */
public record SimulatorSettings(int port, String apiKey, Duration renderTime, Duration videoUrlValidity) {

    public static final String DEFAULT_API_KEY = "sim-heygen-key";

    public SimulatorSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(renderTime, "renderTime");
        Objects.requireNonNull(videoUrlValidity, "videoUrlValidity");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        if (renderTime.isNegative()) {
            throw new IllegalArgumentException("renderTime must not be negative");
        }
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(0, DEFAULT_API_KEY, Duration.ofSeconds(3), Duration.ofDays(7));
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(newPort, apiKey, renderTime, videoUrlValidity);
    }

    public SimulatorSettings withApiKey(String newApiKey) {
        return new SimulatorSettings(port, newApiKey, renderTime, videoUrlValidity);
    }

    public SimulatorSettings withRenderTime(Duration newRenderTime) {
        return new SimulatorSettings(port, apiKey, newRenderTime, videoUrlValidity);
    }

    public SimulatorSettings withVideoUrlValidity(Duration newValidity) {
        return new SimulatorSettings(port, apiKey, renderTime, newValidity);
    }
}
