package dev.avatarvideo.heygen.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * Runs the HeyGen simulator on its own: {@code java -jar heygen-simulator/target/heygen-simulator.jar}.
 * Configured by {@code SIM_PORT} (default 8090, 0 for any free port), {@code SIM_API_KEY} and {@code SIM_RENDER_SECONDS}.
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
                    .withRenderTime(Duration.ofSeconds(Long.parseLong(env.getOrDefault("SIM_RENDER_SECONDS", "10").strip())));
        } catch (IllegalArgumentException e) {
            System.err.println("HeyGen SIMULATOR cannot start: SIM_PORT and SIM_RENDER_SECONDS must be whole numbers, SIM_API_KEY not blank ("
                    + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        HeyGenSimulator simulator = HeyGenSimulator.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        System.out.println("HeyGen SIMULATOR (not the real HeyGen) on port " + simulator.port());
        System.out.println("  base URL: " + simulator.baseUrl());
        System.out.println("  API key:  " + simulator.apiKey() + "   (send it as X-Api-Key)");
        System.out.println("  avatars:  " + Catalog.builtInLookIds());
        System.out.println("  voices:   " + Catalog.builtInVoiceIds());
        System.out.println("  faults:   curl -X POST " + simulator.baseUrl() + "/sim-admin/faults -H 'Content-Type: application/json'"
                + " -d '{\"rateLimitRate\": 0.2, \"timeoutRate\": 0.1, \"timeoutHoldMs\": 35000}'");
        System.out.flush();
    }
}
