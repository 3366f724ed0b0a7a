package dev.avatarvideo.heygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stand-alone jar, started the way docs/heygen-and-simulator.md says ({@code java -jar heygen-simulator/target/heygen-simulator.jar})
 * as a separate JVM: it prints its port and API key, and that key works against that port.
 */
class HeyGenSimulatorJarIT {

    private static final Pattern PORT = Pattern.compile("HeyGen SIMULATOR \\(not the real HeyGen\\) on port (\\d+)");
    private static final Pattern API_KEY = Pattern.compile("API key:\\s+(\\S+)");

    @Test
    void theJarStartsWithOneCommandAndPrintsAWorkingApiKeyAndPort() throws Exception {
        Path jar = Path.of(System.getProperty("simulator.jar", "target/heygen-simulator.jar"));
        assertThat(jar).as("built by ./mvnw package").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder command = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true);
        command.environment().put("SIM_PORT", "0");
        command.environment().put("SIM_API_KEY", "jar-test-key");
        command.environment().put("SIM_RENDER_SECONDS", "0");
        Process process = command.start();
        List<String> output = new CopyOnWriteArrayList<>();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.add(line);
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        try {
            Integer port = null;
            String apiKey = null;
            while (port == null || apiKey == null) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("the simulator's start-up lines; so far: %s", output).isNotNull();
                Matcher portMatch = PORT.matcher(line);
                Matcher keyMatch = API_KEY.matcher(line);
                if (portMatch.find()) {
                    port = Integer.parseInt(portMatch.group(1));
                }
                if (keyMatch.find()) {
                    apiKey = keyMatch.group(1);
                }
            }

            RawHeyGen heygen = new RawHeyGen(URI.create("http://localhost:" + port), apiKey);
            HttpResponse<String> me = heygen.get("/v3/users/me");

            assertThat(apiKey).isEqualTo("jar-test-key");
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(RawHeyGen.json(me).at("/data/username").asText()).isNotBlank();
            assertThat(heygen.withKey("wrong").get("/v3/users/me").statusCode()).isEqualTo(401);
            assertThat(output).anyMatch(line -> line.contains("SIMULATED HeyGen"));
            String videoId = heygen.createVideo();
            String videoUrl = RawHeyGen.json(heygen.get("/v3/videos/" + videoId)).at("/data/video_url").asText();
            byte[] mp4 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(videoUrl)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            assertThat(new String(mp4, 4, 4, StandardCharsets.US_ASCII)).as("the jar joins its MP4 pieces").isEqualTo("ftyp");
            assertThat(new String(mp4, StandardCharsets.ISO_8859_1)).contains("moov").contains("avc1").contains("mp4a");
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        Files.writeString(Path.of("target", "heygen-simulator-jar-it-output.txt"), String.join("\n", output));
    }
}
