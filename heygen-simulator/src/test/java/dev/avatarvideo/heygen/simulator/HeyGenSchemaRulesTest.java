package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.RawHeyGen.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HeyGen's request and response schemas, one rule per test, each naming where the rule is written: the schemas HeyGen's
 * CLI is generated from ({@code heygen-cli gen/<file>.go}, the command spec and schema named) or HeyGen's error page.
 * Every refusal must come in HeyGen's envelope with its code, the field in {@code param} and a {@code doc_url}, and must
 * start no render; every accepted variant must start one.
 */
class HeyGenSchemaRulesTest {

    private static final String ANNA = "\"avatar_id\": \"sim-avatar-anna\", \"voice_id\": \"sim-voice-en-1\", \"script\": \"Hello\"";
    private static final String SCENE = "{\"type\": \"avatar_video\", \"input\": {\"type\": \"avatar\", " + ANNA + "}}";

    private final SettableClock clock = new SettableClock();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofSeconds(60)), clock);
    private final RawHeyGen heygen = new RawHeyGen(simulator.baseUrl(), simulator.apiKey());

    @AfterEach
    void stop() {
        simulator.close();
    }

    // --- POST /v3/videos: video.go VideoCreate, RequestSchema -------------------------------------------------------

    @Test
    void theTypeIsRequiredAndOneOfTheDiscriminatorsMapping() {
        // VideoCreate: discriminator propertyName "type", mapping avatar | cinematic_avatar | image | studio.
        assertRefused("{" + ANNA + "}", 400, "invalid_parameter", "type");
        assertRefused("{\"type\": \"talking_photo\", " + ANNA + "}", 400, "invalid_parameter", "type");
    }

    @Test
    void anAvatarVideoNeedsAnAvatarId() {
        // CreateVideoFromAvatar: "required": ["type", "avatar_id"].
        assertRefused("{\"type\": \"avatar\", \"voice_id\": \"sim-voice-en-1\", \"script\": \"Hi\"}", 400, "invalid_parameter", "avatar_id");
    }

    @Test
    void anAvatarIdTheAccountDoesNotHaveIsAvatarNotFound() {
        // HeyGen's CLI (internal/errors) knows avatar_not_found from the API, hinted "List available avatars".
        JsonNode error = assertRefused(avatar(ANNA.replace("sim-avatar-anna", "sim-avatar-ana")), 404, "avatar_not_found", "avatar_id");
        assertThat(error.path("message").asText()).contains("sim-avatar-ana");
    }

    @Test
    void aVoiceIdTheAccountDoesNotHaveIsVoiceNotFound() {
        // HeyGen's CLI knows voice_not_found (gen/voice.go VoiceDelete: "unknown voice returns 404 voice_not_found").
        assertRefused(avatar(ANNA.replace("sim-voice-en-1", "sim-voice-xx")), 404, "voice_not_found", "voice_id");
    }

    @Test
    void aScriptWithoutAVoiceIsSpokenByTheAvatarsDefaultVoice() {
        // CreateVideoFromAvatar.voice_id: "Required when script is provided, unless avatar_id is set (the avatar's default
        // voice is used as fallback)".
        assertAccepted(avatar("\"avatar_id\": \"sim-avatar-anna\", \"script\": \"Hello\""));
    }

    @Test
    void anAudioSourceIsRequired() {
        // StudioAvatarInput: "An audio source is required: exactly one of (script + voice_id), audio_url, or audio_asset_id".
        assertRefused(avatar("\"avatar_id\": \"sim-avatar-anna\""), 400, "invalid_parameter", "script");
    }

    @Test
    void aScriptAndAnAudioUrlAreMutuallyExclusive() {
        // CreateVideoFromAvatar.audio_url: "Mutually exclusive with script."
        assertRefused(avatar(ANNA + ", \"audio_url\": \"https://cdn.example/a.mp3\""), 400, "invalid_parameter", "script");
        assertAccepted(avatar("\"avatar_id\": \"sim-avatar-anna\", \"audio_url\": \"https://cdn.example/a.mp3\""));
    }

    @Test
    void stringFieldsRefuseOtherJsonTypes() {
        // CreateVideoFromAvatar: script, title, voice_id are "type": "string".
        assertRefused(avatar(ANNA.replace("\"Hello\"", "42")), 400, "invalid_parameter", "script");
        assertRefused(avatar(ANNA + ", \"title\": {\"text\": \"x\"}"), 400, "invalid_parameter", "title");
    }

    @Test
    void voiceSettingsStayWithinTheirDocumentedRanges() {
        // voice_settings: speed "0.5 ... to 1.5", pitch "-50 to +50", volume "1.0 = full, 0.0 = silent".
        assertRefused(avatar(ANNA + ", \"voice_settings\": {\"speed\": 2.0}"), 400, "invalid_parameter", "voice_settings.speed");
        assertRefused(avatar(ANNA + ", \"voice_settings\": {\"pitch\": -51}"), 400, "invalid_parameter", "voice_settings.pitch");
        assertRefused(avatar(ANNA + ", \"voice_settings\": {\"volume\": 1.5}"), 400, "invalid_parameter", "voice_settings.volume");
    }

    @Test
    void voiceEngineSettingsNameAKnownEngine() {
        // voice_settings.engine_settings: discriminator engine_type, mapping elevenlabs | fish | starfish.
        assertRefused(avatar(ANNA + ", \"voice_settings\": {\"engine_settings\": {\"engine_type\": \"azure\"}}"), 400, "invalid_parameter",
                "voice_settings.engine_settings.engine_type");
    }

    @Test
    void resolutionAspectRatioAndOutputFormatAreTheSchemasEnums() {
        // CreateVideoFromAvatar: resolution enum [4k, 1080p, 720p]; aspect_ratio enum [16:9, 9:16, 4:5, 5:4, 1:1, auto];
        // output_format enum [mp4, webm].
        assertRefused(avatar(ANNA + ", \"resolution\": \"480p\""), 400, "invalid_parameter", "resolution");
        assertRefused(avatar(ANNA + ", \"aspect_ratio\": \"21:9\""), 400, "invalid_parameter", "aspect_ratio");
        assertRefused(avatar(ANNA + ", \"output_format\": \"mov\""), 400, "invalid_parameter", "output_format");
        assertAccepted(avatar(ANNA + ", \"resolution\": \"4k\", \"aspect_ratio\": \"auto\""));
    }

    @Test
    void webmRefusesAnyBackground() {
        // CreateVideoFromAvatar.output_format: "When 'webm' is selected, any 'background' value is rejected".
        assertRefused(avatar(ANNA + ", \"output_format\": \"webm\", \"background\": {\"type\": \"color\", \"value\": \"#FFFFFF\"}"),
                400, "invalid_parameter", "background");
    }

    @Test
    void anAvatarBackgroundIsAColourValueOrAnImage() {
        // CreateVideoFromAvatar.background: type enum [color, image]; value "Required when type is 'color'".
        assertRefused(avatar(ANNA + ", \"background\": {\"type\": \"video\", \"url\": \"https://cdn.example/v.mp4\"}"), 400,
                "invalid_parameter", "background.type");
        assertRefused(avatar(ANNA + ", \"background\": {\"type\": \"color\"}"), 400, "invalid_parameter", "background.value");
        assertAccepted(avatar(ANNA + ", \"background\": {\"type\": \"image\", \"url\": \"https://cdn.example/office.jpg\"}"));
    }

    @Test
    void anImageBackgroundTakesAUrlOrAnAssetIdNotBoth() {
        // CreateVideoFromAvatar.background.url / asset_id: "Mutually exclusive with asset_id" / "with url".
        assertRefused(avatar(ANNA + ", \"background\": {\"type\": \"image\", \"url\": \"https://cdn.example/a.jpg\", \"asset_id\": \"as_1\"}"),
                400, "invalid_parameter", "background.url");
    }

    @Test
    void anEngineIsOneOfTheThreeAndOneTheLookSupports() {
        // engine: discriminator type, mapping avatar_iii | avatar_iv | avatar_v; "Check supported_api_engines on the avatar
        // look to confirm eligibility" (sim-avatar-anna supports avatar_iv only).
        assertRefused(avatar(ANNA + ", \"engine\": {\"type\": \"avatar_vi\"}"), 400, "invalid_parameter", "engine.type");
        assertRefused(avatar(ANNA + ", \"engine\": {\"type\": \"avatar_v\"}"), 400, "invalid_parameter", "engine.type");
        assertAccepted(avatar(ANNA + ", \"engine\": {\"type\": \"avatar_iv\"}"));
    }

    @Test
    void expressivenessIsRejectedWithAvatarV() {
        // CreateVideoFromAvatar.expressiveness: "Avatar IV only; rejected when engine.type is 'avatar_v'".
        String dana = ANNA.replace("sim-avatar-anna", "sim-avatar-dana-twin");
        assertRefused(avatar(dana + ", \"engine\": {\"type\": \"avatar_v\"}, \"expressiveness\": \"high\""), 400, "invalid_parameter",
                "expressiveness");
    }

    @Test
    void aMotionPromptIsRejectedForVideoAvatarsOnAvatarIv() {
        // CreateVideoFromAvatar.motion_prompt: "Rejected for video avatars on the default Avatar IV engine."
        assertRefused(avatar(ANNA + ", \"motion_prompt\": \"wave\""), 400, "invalid_parameter", "motion_prompt");
        assertAccepted(avatar(ANNA.replace("sim-avatar-anna", "sim-photo-eli") + ", \"motion_prompt\": \"wave\""));
    }

    @Test
    void theCaptionFileFormatIsSrt() {
        // caption.file_format: enum [srt].
        assertRefused(avatar(ANNA + ", \"caption\": {\"file_format\": \"vtt\"}"), 400, "invalid_parameter", "caption.file_format");
    }

    @Test
    void aCaptionWithAnUnknownStyleIsRefused() {
        // caption.style: enum [default], "Visual style for burning captions into the rendered video. Omit for sidecar-only".
        assertRefused(avatar(ANNA + ", \"caption\": {\"file_format\": \"srt\", \"style\": \"karaoke\"}"), 400, "invalid_parameter",
                "caption.style");
        assertAccepted(avatar(ANNA + ", \"caption\": {\"file_format\": \"srt\", \"style\": \"default\"}"));
    }

    @Test
    void aCaptionWithoutStyleGivesOnlyTheSidecarSubtitles() {
        // caption: "A sidecar subtitle file is always returned via subtitle_url; set 'style' to additionally burn captions
        // into the rendered video." VideoGet: captioned_video_url "with captions burned in".
        String sidecar = created(avatar(ANNA + ", \"caption\": {\"file_format\": \"srt\"}"));
        String burned = created(avatar(ANNA + ", \"caption\": {\"file_format\": \"srt\", \"style\": \"default\"}"));
        String none = created(avatar(ANNA));
        clock.advance(Duration.ofSeconds(60));

        JsonNode sidecarOnly = status(sidecar);
        assertThat(sidecarOnly.path("subtitle_url").isTextual()).isTrue();
        assertThat(sidecarOnly.path("captioned_video_url").isNull()).isTrue();
        JsonNode both = status(burned);
        assertThat(both.path("subtitle_url").isTextual()).isTrue();
        assertThat(both.path("captioned_video_url").asText()).contains("-captioned.mp4");
        assertThat(status(none).path("subtitle_url").isNull()).isTrue();
        assertThat(status(none).path("captioned_video_url").isNull()).isTrue();
    }

    @Test
    void theCallbackUrlIsAnAbsoluteUrl() {
        // CreateVideoFromAvatar.callback_url: "Webhook URL to receive a POST notification when the video is ready".
        assertRefused(avatar(ANNA + ", \"callback_url\": \"/relative/hook\""), 400, "invalid_parameter", "callback_url");
    }

    @Test
    void theImageAndCinematicTypesAreHeyGensButNotSimulated() {
        // VideoCreate mapping has image and cinematic_avatar; the simulator says it does not render them.
        JsonNode error = assertRefused("{\"type\": \"image\", \"image\": {\"type\": \"url\", \"url\": \"https://cdn.example/p.jpg\"},"
                + " \"script\": \"Hi\", \"voice_id\": \"sim-voice-en-1\"}", 400, "invalid_parameter", "type");
        assertThat(error.path("message").asText()).contains("SIMULATOR");
    }

    // --- POST /v3/videos, type studio: CreateVideoFromStudio ----------------------------------------------------------

    @Test
    void aStudioVideoHasOneToFiftyScenes() {
        // CreateVideoFromStudio.scenes: "Must contain 1 to 50 scenes"; "required": ["type", "scenes"].
        assertRefused("{\"type\": \"studio\"}", 400, "invalid_parameter", "scenes");
        assertRefused("{\"type\": \"studio\", \"scenes\": []}", 400, "invalid_parameter", "scenes");
        assertRefused("{\"type\": \"studio\", \"scenes\": [" + String.join(",", java.util.Collections.nCopies(51, SCENE)) + "]}", 400,
                "invalid_parameter", "scenes");
        assertAccepted("{\"type\": \"studio\", \"scenes\": [" + String.join(",", java.util.Collections.nCopies(50, SCENE)) + "]}");
    }

    @Test
    void aSceneIsAnAvatarVideoAnImageOrAVideo() {
        // scenes.items: discriminator type, mapping avatar_video | image | video.
        assertRefused(studio("{\"type\": \"slide\", \"input\": {}}"), 400, "invalid_parameter", "scenes[0].type");
    }

    @Test
    void anImageBackgroundInsideAStudioSceneIsRefused() {
        // StudioAvatarInput.background: "Color-only in v1: pass {"type": "color", "color": "#RRGGBB"}. Other background
        // types are not yet supported." (discriminator mapping: color only).
        JsonNode error = assertRefused(studio(SCENE, "{\"type\": \"avatar_video\", \"input\": {\"type\": \"avatar\", " + ANNA
                + ", \"background\": {\"type\": \"image\", \"url\": \"https://cdn.example/office.jpg\"}}}"), 400, "invalid_parameter",
                "scenes[1].input.background.type");
        assertThat(error.path("message").asText()).contains("colour-only");
        assertAccepted(studio("{\"type\": \"avatar_video\", \"input\": {\"type\": \"avatar\", " + ANNA
                + ", \"background\": {\"type\": \"color\", \"color\": \"#1a2b3c\"}}}"));
    }

    @Test
    void aStudioColourBackgroundIsASixDigitHexColour() {
        // StudioColorBackgroundInput.color: "Background color as a 6-digit hex string, e.g. '#1a2b3c'".
        assertRefused(studio("{\"type\": \"avatar_video\", \"input\": {\"type\": \"avatar\", " + ANNA
                + ", \"background\": {\"type\": \"color\", \"color\": \"navy\"}}}"), 400, "invalid_parameter", "scenes[0].input.background.color");
    }

    @Test
    void aStudioScenesUnknownAvatarIsAvatarNotFoundNamingTheScene() {
        // StudioAvatarInput mirrors CreateVideoFromAvatar: avatar_id is "HeyGen avatar ID".
        assertRefused(studio(SCENE, SCENE.replace("sim-avatar-anna", "nobody")), 404, "avatar_not_found", "scenes[1].input.avatar_id");
    }

    @Test
    void anImageSceneIsSilentForADurationOrNarratedNeverBoth() {
        // ImageScene: "Exactly one mode must be chosen: silent: set duration ... narrated: set exactly one audio source";
        // duration "Must be > 0 and <= 300".
        String source = "\"source\": {\"type\": \"url\", \"url\": \"https://cdn.example/slide.png\"}";
        assertRefused(studio("{\"type\": \"image\", " + source + ", \"duration\": 5, \"script\": \"Hi\", \"voice_id\": \"sim-voice-en-1\"}"),
                400, "invalid_parameter", "scenes[0].duration");
        assertRefused(studio("{\"type\": \"image\", " + source + ", \"duration\": 301}"), 400, "invalid_parameter", "scenes[0].duration");
        assertRefused(studio("{\"type\": \"image\", " + source + "}"), 400, "invalid_parameter", "scenes[0].duration");
        assertAccepted(studio("{\"type\": \"image\", " + source + ", \"duration\": 5}"));
        assertAccepted(studio("{\"type\": \"image\", " + source + ", \"script\": \"Hi\", \"voice_id\": \"sim-voice-en-1\"}"));
    }

    @Test
    void anAssetUrlIsHttps() {
        // AssetUrl: "Publicly accessible HTTPS URL for the asset"; AssetUrl requires type and url.
        assertRefused(studio("{\"type\": \"video\", \"source\": {\"type\": \"url\", \"url\": \"http://cdn.example/clip.mp4\"}}"), 400,
                "invalid_parameter", "scenes[0].source.url");
        assertRefused(studio("{\"type\": \"video\", \"source\": {\"type\": \"base64\", \"data\": \"AAAA\"}}"), 400, "invalid_parameter",
                "scenes[0].source.media_type");
        assertAccepted(studio("{\"type\": \"video\", \"source\": {\"type\": \"url\", \"url\": \"https://cdn.example/clip.mp4\"}}"));
    }

    @Test
    void aStudioVideoIsMp4Only() {
        // CreateVideoFromStudio: "MP4 only in v1 — the output container is fixed and output_format is not exposed."
        JsonNode answer = json(heygen.post("/v3/videos", "{\"type\": \"studio\", \"output_format\": \"webm\", \"scenes\": [" + SCENE + "]}"));
        assertThat(answer.at("/data/output_format").asText()).isEqualTo("mp4");
    }

    // --- GET /v3/videos/{id} and /v3/videos/statuses: video.go VideoGet, VideoStatusesList --------------------------------

    @Test
    void bulkStatusesSayQueuedWhileARenderWaits() {
        // VideoStatusesList: "Statuses are one of queued, processing, completed, or failed, plus not_found for unknown or
        // unowned ids." (VideoGet's own enum is pending | processing | completed | failed.)
        String videoId = created(avatar(ANNA));

        JsonNode waiting = json(heygen.get("/v3/videos/statuses?video_ids=" + videoId + ",nope")).get("data");
        assertThat(waiting.get(0).path("status").asText()).isEqualTo("queued");
        assertThat(waiting.get(1).path("status").asText()).isEqualTo("not_found");
        assertThat(status(videoId).path("status").asText()).isEqualTo("pending");
        clock.advance(Duration.ofSeconds(20));
        assertThat(json(heygen.get("/v3/videos/statuses?video_ids=" + videoId)).at("/data/0/status").asText()).isEqualTo("processing");
        clock.advance(Duration.ofSeconds(40));
        assertThat(json(heygen.get("/v3/videos/statuses?video_ids=" + videoId)).at("/data/0/status").asText()).isEqualTo("completed");
    }

    @Test
    void bulkStatusesTakeVideoIdsOrBatchIdsUpToAHundred() {
        // VideoStatusesList: "up to 100 videos in one request, addressed by comma-separated video_ids and/or batch_ids".
        assertRefused(heygen.get("/v3/videos/statuses"), 400, "invalid_parameter", "video_ids");
        String hundredAndOne = String.join(",", java.util.Collections.nCopies(101, "v"));
        assertRefused(heygen.get("/v3/videos/statuses?video_ids=" + hundredAndOne), 400, "invalid_parameter", "video_ids");
        JsonNode batch = json(heygen.get("/v3/videos/statuses?batch_ids=b_1")).at("/data/0");
        assertThat(batch.path("batch_id").asText()).isEqualTo("b_1");
        assertThat(batch.path("status").asText()).isEqualTo("not_found");
    }

    @Test
    void anUnknownVideoIsVideoNotFound() {
        // HeyGen's CLI knows video_not_found from the API ("List your videos"); 404 per HeyGen's error page.
        assertRefused(heygen.get("/v3/videos/0123456789abcdef"), 404, "video_not_found", null);
    }

    // --- Listings: avatar.go AvatarLooksList, voice.go VoiceList ----------------------------------------------------------

    @Test
    void avatarLooksRefuseALimitAboveFifty() {
        // AvatarLooksList flag limit: Min 1, Max 50 ("Maximum number of items to return per page (1-50)").
        assertRefused(heygen.get("/v3/avatars/looks?limit=51"), 400, "invalid_parameter", "limit");
        assertRefused(heygen.get("/v3/avatars/looks?limit=0"), 400, "invalid_parameter", "limit");
        assertThat(heygen.get("/v3/avatars/looks?limit=50").statusCode()).isEqualTo(200);
    }

    @Test
    void voicesTakeALimitFromOneToAHundred() {
        // VoiceList flag limit: Min 1, Max 100 ("Results per page (1-100)").
        assertRefused(heygen.get("/v3/voices?limit=101"), 400, "invalid_parameter", "limit");
        assertThat(heygen.get("/v3/voices?limit=100").statusCode()).isEqualTo(200);
    }

    @Test
    void listingFiltersAreTheSchemasEnums() {
        // AvatarLooksList avatar_type enum [studio_avatar, digital_twin, photo_avatar], ownership enum [public, private];
        // VoiceList type enum [public, private].
        assertRefused(heygen.get("/v3/avatars/looks?avatar_type=cartoon"), 400, "invalid_parameter", "avatar_type");
        assertRefused(heygen.get("/v3/avatars/looks?ownership=shared"), 400, "invalid_parameter", "ownership");
        assertRefused(heygen.get("/v3/voices?type=cloned"), 400, "invalid_parameter", "type");
    }

    // --- Webhook endpoints: webhook.go WebhookEndpointsCreate / Update ---------------------------------------------------

    @Test
    void aWebhookEndpointMustBeHttps() {
        // WebhookEndpointsCreate.url: "Publicly accessible HTTPS URL that will receive webhook POST requests."
        assertRefused(heygen.post("/v3/webhooks/endpoints", "{\"url\": \"http://hooks.example/heygen\"}"), 400, "invalid_parameter", "url");
        assertThat(json(heygen.get("/v3/webhooks/endpoints")).get("data")).isEmpty();
    }

    @Test
    void aWebhookEndpointNeedsAUrl() {
        // WebhookEndpointsCreate: "required": ["url"].
        assertRefused(heygen.post("/v3/webhooks/endpoints", "{\"events\": [\"avatar_video.success\"]}"), 400, "invalid_parameter", "url");
    }

    @Test
    void webhookEventsAreTheSchemasEnum() {
        // WebhookEndpointsCreate.events.items: enum [avatar_video.success, ..., batch.finished].
        assertRefused(heygen.post("/v3/webhooks/endpoints", "{\"url\": \"https://hooks.example/h\", \"events\": [\"video.done\"]}"), 400,
                "invalid_parameter", "events[0]");
    }

    @Test
    void httpWebhookUrlsAreAcceptedOnlyWhenTheSimulatorIsToldTo() {
        // Not HeyGen's: the test setting that lets a loopback receiver without a certificate register.
        try (WebhookReceiver receiver = new WebhookReceiver();
             HeyGenSimulator lenient = HeyGenSimulator.start(SimulatorSettings.defaults().withHttpWebhookUrlsAllowed())) {
            RawHeyGen lenientHeyGen = new RawHeyGen(lenient.baseUrl(), lenient.apiKey());
            HttpResponse<String> created = lenientHeyGen.post("/v3/webhooks/endpoints", "{\"url\": \"" + receiver.url("/hooks") + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        }
    }

    // --- Errors: HeyGen's error page (developers.heygen.com/docs/error-codes) ---------------------------------------------

    @Test
    void everyErrorCarriesADocUrlToItsCode() {
        // "Every error response includes a machine-readable code, a human-readable message, and a doc_url".
        JsonNode unauthorized = json(heygen.withKey("wrong").get("/v3/users/me")).get("error");
        assertThat(unauthorized.path("doc_url").asText()).isEqualTo("https://developers.heygen.com/docs/error-codes#unauthorized");
        JsonNode notFound = json(heygen.get("/v3/videos/nope")).get("error");
        assertThat(notFound.path("doc_url").asText()).isEqualTo("https://developers.heygen.com/docs/error-codes#video-not-found");
    }

    private static String avatar(String fields) {
        return "{\"type\": \"avatar\", " + fields + "}";
    }

    private static String studio(String... scenes) {
        return "{\"type\": \"studio\", \"scenes\": [" + String.join(", ", scenes) + "]}";
    }

    /** A creation refused, and no render started for it. */
    private JsonNode assertRefused(String body, int status, String code, String param) {
        int rendersBefore = simulator.rendersStarted();
        JsonNode error = assertRefused(heygen.post("/v3/videos", body), status, code, param);
        assertThat(simulator.rendersStarted()).as("a refused request starts no render").isEqualTo(rendersBefore);
        return error;
    }

    private JsonNode assertRefused(HttpResponse<String> response, int status, String code, String param) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response).get("error");
        assertThat(error.path("code").asText()).as(response.body()).isEqualTo(code);
        if (param == null) {
            assertThat(error.has("param")).as(response.body()).isFalse();
        } else {
            assertThat(error.path("param").asText()).as(response.body()).isEqualTo(param);
        }
        assertThat(error.path("doc_url").asText()).startsWith("https://developers.heygen.com/docs/error-codes#");
        return error;
    }

    private void assertAccepted(String body) {
        HttpResponse<String> response = heygen.post("/v3/videos", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).at("/data/video_id").asText()).isNotBlank();
    }

    private String created(String body) {
        HttpResponse<String> response = heygen.post("/v3/videos", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).at("/data/video_id").asText();
    }

    private JsonNode status(String videoId) {
        return json(heygen.get("/v3/videos/" + videoId)).get("data");
    }
}
