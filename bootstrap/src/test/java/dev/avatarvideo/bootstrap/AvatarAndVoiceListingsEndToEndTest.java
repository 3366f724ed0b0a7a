package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: {@code GET /api/avatars} through the real wiring against a HeyGen simulator holding 250 looks. The
 * listing arrives whole across HeyGen's pages, and the second listing within the cache's time makes no HeyGen call at
 * all, as the simulator's own request log shows.
 */
class AvatarAndVoiceListingsEndToEndTest {

    @TempDir
    Path dataDir;

    private final HeyGenSimulator heygen = HeyGenSimulator.start(SimulatorSettings.defaults());
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        heygen.close();
    }

    @Test
    void theSecondAvatarListingMakesNoHeyGenCallAndTwoHundredFiftyLooksArriveWhole() throws Exception {
        heygen.addGeneratedLooks(245);
        try (AvatarVideoService service = AvatarVideoService.start(configuration(heygen.apiKey()))) {
            HttpResponse<String> first = get(service.baseUrl(), "/api/avatars");
            long lookCallsAfterFirst = lookCalls();
            HttpResponse<String> second = get(service.baseUrl(), "/api/avatars");

            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode items = json.readTree(first.body()).get("items");
            assertThat(items).hasSize(250);
            assertThat(items.findValuesAsText("id")).doesNotHaveDuplicates().contains("sim-avatar-anna", "sim-look-00245");
            assertThat(lookCallsAfterFirst).as("HeyGen pages of 50").isEqualTo(5);

            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(lookCalls()).as("HeyGen calls for the second listing").isEqualTo(lookCallsAfterFirst);
        }
    }

    @Test
    void voicesAreListedAndBadFiltersRefusedBeforeHeyGenIsAsked() throws Exception {
        try (AvatarVideoService service = AvatarVideoService.start(configuration(heygen.apiKey()))) {
            JsonNode voices = json.readTree(get(service.baseUrl(), "/api/voices?language=English").body()).get("items");
            HttpResponse<String> badFilter = get(service.baseUrl(), "/api/avatars?avatarType=hologram");

            assertThat(voices.findValuesAsText("id")).containsExactly("sim-voice-en-1", "sim-voice-en-2");
            assertThat(badFilter.statusCode()).isEqualTo(400);
            assertThat(json.readTree(badFilter.body()).get("field").asText()).isEqualTo("avatarType");
            assertThat(lookCalls()).isZero();
        }
    }

    @Test
    void aKeyHeyGenRefusesStopsTheServiceAtStartNamingTheVariable() {
        assertThatThrownBy(() -> AvatarVideoService.start(configuration("sk_not_a_real_key")).close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("HEYGEN_API_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk_not_a_real_key"));
    }

    private Configuration configuration(String apiKey) {
        return Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(),
                "PORT", "0",
                "HEYGEN_API_KEY", apiKey,
                "HEYGEN_BASE_URL", heygen.baseUrl().toString()));
    }

    private long lookCalls() {
        return heygen.requests().stream().filter(r -> r.path().equals("/v3/avatars/looks")).count();
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", ApiKeyFiles.bearer(dataDir)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
