package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, class 7, through the real wiring and its real resolver: addresses inside the service's network (cloud
 * metadata, loopback) and non-HTTP schemes are refused as notification endpoints and as callback URLs with a 400 naming
 * the field, and nothing is kept; an operator's NOTIFICATION_ALLOWED_HOSTS lets a named internal host in.
 */
class InternalReceiversEndToEndTest {

    private static final String SCENE = "{\"avatarId\": \"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hi.\"}";
    private static final String[] INTERNAL = {"http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:9/", "http://[::1]/",
            "file:///etc/passwd", "http://localhost:8080/hooks", "http://[::ffff:169.254.169.254]/", "http://0.0.0.0:9/", "http://10.0.0.1/"};

    @TempDir
    Path dataDir;

    private final TrackingFixture fixture = new TrackingFixture();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withPort(0).withRenderTime(Duration.ofMillis(500)));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void internalAddressesAreRefusedAsEndpointsAndAsCallbacksNamingTheFieldAndNothingIsKept() {
        try (AvatarVideoService service = start(dataDir, Map.of())) {
            ApiCalls api = new ApiCalls(service.baseUrl());
            String key = ApiKeyFiles.defaultKey(dataDir);
            for (String url : INTERNAL) {
                assertRefused(api.call("POST", "/api/webhook-endpoints", key, "{\"url\": \"" + url + "\"}"), "url", url);
                assertRefused(api.call("POST", "/api/videos", key, "{\"callbackUrl\": \"" + url + "\", \"scenes\": [" + SCENE + "]}"),
                        "callbackUrl", url);
            }

            assertThat(fixture.count("SELECT count(*) FROM notification_endpoints")).isZero();
            assertThat(fixture.count("SELECT count(*) FROM avatar_videos")).isZero();
            assertThat(fixture.count("SELECT count(*) FROM video_callbacks")).isZero();
        }
    }

    @Test
    void anInternalHostTheOperatorAllowsIsAccepted() {
        try (AvatarVideoService service = start(dataDir, Map.of("NOTIFICATION_ALLOWED_HOSTS", "127.0.0.1,localhost"))) {
            ApiCalls api = new ApiCalls(service.baseUrl());
            String key = ApiKeyFiles.defaultKey(dataDir);

            api.expect(201, "POST", "/api/webhook-endpoints", key, "{\"url\": \"http://127.0.0.1:9/hooks\"}");
            api.expect(202, "POST", "/api/videos", key, "{\"callbackUrl\": \"http://localhost:9/done\", \"scenes\": [" + SCENE + "]}");
            assertRefused(api.call("POST", "/api/webhook-endpoints", key, "{\"url\": \"http://169.254.169.254/latest/meta-data/\"}"), "url",
                    "metadata, not allowed");
        }
    }

    private AvatarVideoService start(Path dir, Map<String, String> extra) {
        return AvatarVideoService.start(Configuration.fromEnvironment(fixture.environment(dir, 0, simulator.baseUrl(), simulator.apiKey(), extra)));
    }

    private static void assertRefused(HttpResponse<String> response, String field, String url) {
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = new ApiCalls(java.net.URI.create("http://unused")).read(response.body());
        assertThat(problem.get("field").asText()).as(url).isEqualTo(field);
    }
}
