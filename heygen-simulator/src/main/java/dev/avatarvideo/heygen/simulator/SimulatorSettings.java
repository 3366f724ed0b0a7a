package dev.avatarvideo.heygen.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
 * @param stateDirectory where it keeps what it accepted (renders with their plans, idempotency records, webhook endpoints
 *                       and their secrets, events) and the videos it made, so a restart on the same directory carries on;
 *                       empty to keep it in memory only (and the videos in a temporary directory)
 * @param httpWebhookUrlsAllowed whether webhook endpoints may be {@code http://} URLs. HeyGen accepts HTTPS only; tests
 *                               and a service on loopback have no certificate, so they switch this on, knowingly
 */
public record SimulatorSettings(int port, String apiKey, Duration renderTime, Duration videoUrlValidity, long videoBytes,
                                long downloadBytesPerSecond, Optional<Path> stateDirectory, boolean httpWebhookUrlsAllowed) {

    public static final String DEFAULT_API_KEY = "sim-heygen-key";

    public SimulatorSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(renderTime, "renderTime");
        Objects.requireNonNull(videoUrlValidity, "videoUrlValidity");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
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
        return new SimulatorSettings(0, DEFAULT_API_KEY, Duration.ofSeconds(3), Duration.ofDays(7), 0, 0, Optional.empty(), false);
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(newPort, apiKey, renderTime, videoUrlValidity, videoBytes, downloadBytesPerSecond, stateDirectory,
                httpWebhookUrlsAllowed);
    }

    public SimulatorSettings withApiKey(String newApiKey) {
        return new SimulatorSettings(port, newApiKey, renderTime, videoUrlValidity, videoBytes, downloadBytesPerSecond, stateDirectory,
                httpWebhookUrlsAllowed);
    }

    public SimulatorSettings withRenderTime(Duration newRenderTime) {
        return new SimulatorSettings(port, apiKey, newRenderTime, videoUrlValidity, videoBytes, downloadBytesPerSecond, stateDirectory,
                httpWebhookUrlsAllowed);
    }

    public SimulatorSettings withVideoUrlValidity(Duration newValidity) {
        return new SimulatorSettings(port, apiKey, renderTime, newValidity, videoBytes, downloadBytesPerSecond, stateDirectory,
                httpWebhookUrlsAllowed);
    }

    /** Every render serves a video file of this many bytes: its own MP4 padded with a {@code free} box. */
    public SimulatorSettings withVideoSize(long bytes) {
        return new SimulatorSettings(port, apiKey, renderTime, videoUrlValidity, bytes, downloadBytesPerSecond, stateDirectory,
                httpWebhookUrlsAllowed);
    }

    /** Downloads send at most this many bytes per second, as a slow CDN would. */
    public SimulatorSettings withDownloadRate(long bytesPerSecond) {
        return new SimulatorSettings(port, apiKey, renderTime, videoUrlValidity, videoBytes, bytesPerSecond, stateDirectory,
                httpWebhookUrlsAllowed);
    }

    /** Keeps what the simulator accepts in {@code directory} (created if missing), and takes back what it finds there. */
    public SimulatorSettings withStateDirectory(Path directory) {
        return new SimulatorSettings(port, apiKey, renderTime, videoUrlValidity, videoBytes, downloadBytesPerSecond,
                Optional.of(directory), httpWebhookUrlsAllowed);
    }

    /** Accepts {@code http://} webhook endpoint URLs, which HeyGen refuses: for tests and a service on loopback only. */
    public SimulatorSettings withHttpWebhookUrlsAllowed() {
        return new SimulatorSettings(port, apiKey, renderTime, videoUrlValidity, videoBytes, downloadBytesPerSecond, stateDirectory, true);
    }
}
