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
 * @param videoBytes the size of the video file every render serves: 0 for the render's own MP4 as it is, else that MP4
 *                   padded to this many bytes with an MP4 {@code free} box that players skip, generated as it is sent, so
 *                   gigabytes cost no memory (an MP4 already that large is served as it is)
 * @param downloadBytesPerSecond the most a download sends per second; 0 for as fast as it goes
 */
public record SimulatorSettings(int port, String apiKey, Duration renderTime, Duration videoUrlValidity, long videoBytes,
                                long downloadBytesPerSecond) {

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
        if (videoBytes < 0) {
            throw new IllegalArgumentException("videoBytes must not be negative");
        }
        if (downloadBytesPerSecond < 0) {
            throw new IllegalArgumentException("downloadBytesPerSecond must not be negative");
        }
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(0, DEFAULT_API_KEY, Duration.ofSeconds(3), Duration.ofDays(7), 0, 0);
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(newPort, apiKey, renderTime, videoUrlValidity, videoBytes, downloadBytesPerSecond);
    }

    public SimulatorSettings withApiKey(String newApiKey) {
        return new SimulatorSettings(port, newApiKey, renderTime, videoUrlValidity, videoBytes, downloadBytesPerSecond);
    }

    public SimulatorSettings withRenderTime(Duration newRenderTime) {
        return new SimulatorSettings(port, apiKey, newRenderTime, videoUrlValidity, videoBytes, downloadBytesPerSecond);
    }

    public SimulatorSettings withVideoUrlValidity(Duration newValidity) {
        return new SimulatorSettings(port, apiKey, renderTime, newValidity, videoBytes, downloadBytesPerSecond);
    }

    /** Every render serves a video file of this many bytes: its own MP4 padded with a {@code free} box. */
    public SimulatorSettings withVideoSize(long bytes) {
        return new SimulatorSettings(port, apiKey, renderTime, videoUrlValidity, bytes, downloadBytesPerSecond);
    }

    /** Downloads send at most this many bytes per second, as a slow CDN would. */
    public SimulatorSettings withDownloadRate(long bytesPerSecond) {
        return new SimulatorSettings(port, apiKey, renderTime, videoUrlValidity, videoBytes, bytesPerSecond);
    }
}
