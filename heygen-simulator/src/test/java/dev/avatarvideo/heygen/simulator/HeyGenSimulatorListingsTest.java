package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.RawHeyGen.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key check and the avatar and voice listings: filters, limits and cursor pagination as HeyGen has them. */
class HeyGenSimulatorListingsTest {

    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults());
    private final RawHeyGen heygen = new RawHeyGen(simulator.baseUrl(), simulator.apiKey());

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void usersMeNamesTheAccountOfTheKeyAndRefusesOthers() {
        simulator.acceptApiKey("second-key", "second-account");

        assertThat(json(heygen.get("/v3/users/me")).at("/data/username").asText()).isEqualTo("simulated-user");
        assertThat(json(heygen.withKey("second-key").get("/v3/users/me")).at("/data/username").asText()).isEqualTo("second-account");
        assertThat(heygen.withKey("nobody").get("/v3/users/me").statusCode()).isEqualTo(401);
        assertThat(heygen.withKey(null).get("/v3/users/me").statusCode()).isEqualTo(401);
    }

    @Test
    void looksArePagedWithACursorUntilHasMoreIsFalse() {
        simulator.addGeneratedLooks(245);

        List<String> ids = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = json(heygen.get("/v3/avatars/looks?limit=50" + (token == null ? "" : "&token=" + token)));
            page.get("data").forEach(look -> ids.add(look.get("id").asText()));
            token = page.get("has_more").asBoolean() ? page.get("next_token").asText() : null;
            if (token == null) {
                assertThat(page.get("next_token").isNull()).isTrue();
            }
            pages++;
        } while (token != null);

        assertThat(ids).hasSize(250).doesNotHaveDuplicates().contains("sim-avatar-anna", "sim-look-00245");
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void looksDefaultToTwentyAPageAndRefuseLimitsOutsideOneToFifty() {
        simulator.addGeneratedLooks(30);

        assertThat(json(heygen.get("/v3/avatars/looks")).get("data")).hasSize(20);
        HttpResponse<String> tooMany = heygen.get("/v3/avatars/looks?limit=51");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).at("/error/param").asText()).isEqualTo("limit");
        assertThat(heygen.get("/v3/avatars/looks?limit=0").statusCode()).isEqualTo(400);
        assertThat(json(heygen.get("/v3/avatars/looks?token=forged")).at("/error/param").asText()).isEqualTo("token");
    }

    @Test
    void looksFilterByAvatarTypeAndOwnership() {
        List<String> twins = ids(json(heygen.get("/v3/avatars/looks?avatar_type=digital_twin")), "id");
        List<String> privateOnes = ids(json(heygen.get("/v3/avatars/looks?ownership=private")), "id");
        List<String> publicStudio = ids(json(heygen.get("/v3/avatars/looks?avatar_type=studio_avatar&ownership=public")), "id");
        HttpResponse<String> unknownType = heygen.get("/v3/avatars/looks?avatar_type=hologram");

        assertThat(twins).containsExactly("sim-avatar-dana-twin");
        assertThat(privateOnes).containsExactlyInAnyOrder("sim-avatar-dana-twin", "sim-photo-eli");
        assertThat(publicStudio).containsExactly("sim-avatar-anna", "sim-avatar-ben", "sim-avatar-chen");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(json(unknownType).at("/error/param").asText()).isEqualTo("avatar_type");
    }

    @Test
    void voicesArePublicUnlessPrivateOnesAreAskedForAndFilterByLanguageAndGender() {
        List<String> publicVoices = ids(json(heygen.get("/v3/voices")), "voice_id");
        List<String> privateVoices = ids(json(heygen.get("/v3/voices?type=private")), "voice_id");
        List<String> englishWomen = ids(json(heygen.get("/v3/voices?language=English&gender=female")), "voice_id");
        List<String> pageOfTwo = ids(json(heygen.get("/v3/voices?limit=2")), "voice_id");

        assertThat(publicVoices).containsExactly("sim-voice-en-1", "sim-voice-en-2", "sim-voice-de-1", "sim-voice-fr-1");
        assertThat(privateVoices).containsExactly("sim-voice-clone-1");
        assertThat(englishWomen).containsExactly("sim-voice-en-1");
        assertThat(pageOfTwo).hasSize(2);
        assertThat(heygen.get("/v3/voices?gender=robot").statusCode()).isEqualTo(400);
        assertThat(heygen.get("/v3/voices?limit=101").statusCode()).isEqualTo(400);
    }

    @Test
    void everyListedLookCanBeRenderedAndItsPreviewsServe() throws Exception {
        simulator.addGeneratedLooks(1);
        JsonNode look = json(heygen.get("/v3/avatars/looks?limit=50")).get("data").get(5);

        HttpResponse<String> created = heygen.post("/v3/videos", RawHeyGen.Bodies.AVATAR.replace("sim-avatar-anna", look.get("id").asText()));
        HttpResponse<byte[]> image = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(look.get("preview_image_url").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("image/svg+xml"));
    }

    @Test
    void generatedLooksCanBeAddedOverTheAdminRoute() {
        HttpResponse<String> added = heygen.withKey(null).post("/sim-admin/catalog/looks", "{\"count\": 12}");

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(json(heygen.get("/v3/avatars/looks?limit=50")).get("data")).hasSize(17);
        assertThat(heygen.withKey(null).post("/sim-admin/catalog/looks", "{\"count\": -1}").statusCode()).isEqualTo(400);
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }
}
