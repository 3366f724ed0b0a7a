package dev.avatarvideo.heygen.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the HeyGen simulator on its own: {@code java -jar heygen-simulator/target/heygen-simulator.jar}.
 * Configured by {@code SIM_PORT} (default 8090, 0 for any free port), {@code SIM_API_KEY}, {@code SIM_RENDER_SECONDS},
 * {@code SIM_VIDEO_BYTES} (0: each render's MP4 as it is), {@code SIM_DOWNLOAD_BYTES_PER_SECOND} (0: unlimited),
 * {@code SIM_STATE_DIR} (unset: everything in memory) and {@code SIM_ALLOW_HTTP_WEBHOOKS} ({@code true} accepts
 * {@code http://} webhook URLs, which HeyGen refuses).
 */
public final class HeyGenSimulatorMain {

    private HeyGenSimulatorMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "heygen-simulator-logback.xml");
        }
        Map<String, String> env = System.getenv();
        SimulatorSettings settings;
        try {
            settings = SimulatorSettings.defaults()
                    .withPort(Integer.parseInt(env.getOrDefault("SIM_PORT", "8090").strip()))
                    .withApiKey(env.getOrDefault("SIM_API_KEY", SimulatorSettings.DEFAULT_API_KEY))
                    .withRenderTime(Duration.ofSeconds(Long.parseLong(env.getOrDefault("SIM_RENDER_SECONDS", "10").strip())))
                    .withVideoSize(Long.parseLong(env.getOrDefault("SIM_VIDEO_BYTES", "0").strip()))
                    .withDownloadRate(Long.parseLong(env.getOrDefault("SIM_DOWNLOAD_BYTES_PER_SECOND", "0").strip()));
            String stateDir = env.getOrDefault("SIM_STATE_DIR", "").strip();
            if (!stateDir.isEmpty()) {
                settings = settings.withStateDirectory(Path.of(stateDir));
            }
            String allowHttp = env.getOrDefault("SIM_ALLOW_HTTP_WEBHOOKS", "false").strip();
            if (!allowHttp.equals("true") && !allowHttp.equals("false")) {
                throw new IllegalArgumentException("SIM_ALLOW_HTTP_WEBHOOKS must be true or false, got '" + allowHttp + "'");
            }
            if (allowHttp.equals("true")) {
                settings = settings.withHttpWebhookUrlsAllowed();
            }
        } catch (IllegalArgumentException e) {
            System.err.println("HeyGen SIMULATOR cannot start: SIM_PORT, SIM_RENDER_SECONDS, SIM_VIDEO_BYTES and SIM_DOWNLOAD_BYTES_PER_SECOND"
                    + " must be whole numbers, SIM_API_KEY not blank, SIM_ALLOW_HTTP_WEBHOOKS true or false (" + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        HeyGenSimulator simulator;
        try {
            simulator = HeyGenSimulator.start(settings);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("HeyGen SIMULATOR cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        System.out.println("HeyGen SIMULATOR (not the real HeyGen) on port " + simulator.port());
        System.out.println("  base URL: " + simulator.baseUrl());
        System.out.println("  API key:  " + simulator.apiKey() + "   (send it as X-Api-Key)");
        System.out.println("  videos:   SIMULATED H.264/AAC MP4s as long as their scripts (" + RenderPlan.CHARACTERS_PER_SECOND
                + " characters a second)" + (settings.videoBytes() > 0 ? ", padded to " + settings.videoBytes() + " bytes" : "")
                + (settings.downloadBytesPerSecond() > 0 ? ", sent at most " + settings.downloadBytesPerSecond() + " bytes/s" : ""));
        System.out.println("  state:    " + settings.stateDirectory().map(dir -> "kept in " + dir).orElse("in memory (set SIM_STATE_DIR to keep it)"));
        System.out.println("  webhooks: " + (settings.httpWebhookUrlsAllowed() ? "http:// and https:// URLs (SIM_ALLOW_HTTP_WEBHOOKS)" : "https:// URLs only, as HeyGen"));
        System.out.println("  avatars:  " + Catalog.builtInLookIds());
        System.out.println("  voices:   " + Catalog.builtInVoiceIds());
        System.out.println("  faults:   curl -X POST " + simulator.baseUrl() + "/sim-admin/faults -H 'Content-Type: application/json'"
                + " -d '{\"rateLimitRate\": 0.2, \"timeoutRate\": 0.1, \"timeoutHoldMs\": 35000}'");
        System.out.flush();
    }
}
