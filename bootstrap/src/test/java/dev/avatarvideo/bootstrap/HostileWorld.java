package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.adapters.persistence.AesGcmSealing;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.MultipartBody;
import dev.avatarvideo.testsupport.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service as it runs, on the real wiring (embedded PostgreSQL, filesystem storage, the HeyGen simulator, hybrid
 * processing so HeyGen's signed webhooks are received), with two tenants that own one of everything: a ready video,
 * a topic with a text and an uploaded file, a notification endpoint, a spare API key, a callback secret. The hostile
 * requests are made as the caller; the victim's ids are what "another tenant's id" means.
 */
final class HostileWorld implements AutoCloseable {

    static final String MASTER_KEY = "Hs7vC2kX9qLmP4rT8wYzB1nD5fG3jK6aE0uI2oQ7sV8=";
    static final String ADMIN_KEY = TrackingFixture.ADMIN_KEY;
    /** The most one multipart request may carry here: small, so a request over it is cheap to send. */
    static final long UPLOAD_LIMIT = 3L * 1024 * 1024;

    /** What one tenant owns, as the API names it. */
    record Tenant(String id, String key, String video, String topic, String endpoint, String spareKeyId, String spareKey, String fileUrl,
                  String storagePath, String callbackSecret, String endpointSecret) {

        /** The file's address without scheme and host: path and query exactly as the service signed them. */
        String fileTarget() {
            URI uri = URI.create(fileUrl);
            return uri.getRawPath() + "?" + uri.getRawQuery();
        }
    }

    final TrackingFixture fixture = new TrackingFixture();
    final Path dataDir;
    final HeyGenSimulator simulator;
    final AvatarVideoService service;
    final ApiCalls api;
    final int port;
    final Tenant caller;
    final Tenant victim;
    /** The service-wide HeyGen account's webhook signing secret, as the service registered it with the simulator. */
    final String webhookSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HostileWorld() throws Exception {
        dataDir = Files.createTempDirectory("hostile-");
        // The service registers an http:// webhook on loopback, which the real HeyGen (and so the simulator, by default) refuses.
        simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withPort(0).withRenderTime(Duration.ofMillis(300)).withHttpWebhookUrlsAllowed());
        port = TrackingFixture.freePort();
        service = AvatarVideoService.start(Configuration.fromEnvironment(fixture.environment(dataDir, port, simulator.baseUrl(), simulator.apiKey(),
                Map.of("HEYGEN_PROCESSING_MODE", "hybrid", "PUBLIC_BASE_URL", "http://localhost:" + port, "MASTER_KEY", MASTER_KEY,
                        "UPLOAD_MAX_REQUEST_BYTES", Long.toString(UPLOAD_LIMIT), "TOPIC_MAX_FILE_BYTES", Long.toString(UPLOAD_LIMIT)))));
        api = new ApiCalls(service.baseUrl());
        caller = furnish("default", ApiKeyFiles.defaultKey(dataDir));
        victim = furnish("victim", api.expect(201, "POST", "/admin/tenants", ADMIN_KEY, "{\"id\": \"victim\", \"name\": \"Victim Academy\"}")
                .at("/apiKey/key").asText());
        webhookSecret = serviceAccountWebhookSecret();
    }

    static HostileWorld start() throws Exception {
        return new HostileWorld();
    }

    /** One of everything for the tenant with this key. */
    private Tenant furnish(String tenant, String key) throws Exception {
        String video = api.expect(202, "POST", "/api/videos", key, ApiCalls.video("Owned by " + tenant)).get("id").asText();
        TrackingFixture.await(tenant + "'s video ready", () -> "READY".equals(api.expect(200, "GET", "/api/videos/" + video, key, null)
                .get("status").asText()));
        MultipartBody multipart = new MultipartBody()
                .field("topic", "{\"title\": \"Topic of " + tenant + "\", \"language\": \"en\", \"contents\": [{\"type\": \"text\", \"text\": \"Intro\"},"
                        + " {\"type\": \"file\", \"part\": \"notes\"}]}")
                .file("notes", "notes.txt", "text/plain", ("Notes of " + tenant).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> saved = http.send(HttpRequest.newBuilder(service.baseUrl().resolve("/api/topics")).header("Authorization", "Bearer " + key)
                .header("Content-Type", multipart.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(multipart.bytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (saved.statusCode() != 201) {
            throw new AssertionError("the topic was not saved: " + saved.body());
        }
        JsonNode topic = api.read(saved.body());
        JsonNode file = topic.at("/contents/1/file");
        JsonNode endpoint = api.expect(201, "POST", "/api/webhook-endpoints", key, "{\"url\": \"https://example.com/" + tenant + "/hooks\"}");
        JsonNode spare = api.expect(201, "POST", "/api/api-keys", key, "{\"name\": \"spare\"}");
        String callbackSecret = api.expect(200, "GET", "/api/callback-secret", key, null).get("secret").asText();
        return new Tenant(tenant, key, video, topic.get("id").asText(), endpoint.get("id").asText(), spare.get("id").asText(), spare.get("key").asText(),
                file.get("fileUrl").asText(), file.get("storagePath").asText(), callbackSecret, endpoint.get("secret").asText());
    }

    private String serviceAccountWebhookSecret() {
        TrackingFixture.await("the service registered its HeyGen webhook", () -> fixture.count("SELECT count(*) FROM renderer_webhooks") > 0);
        AesGcmSealing sealing = AesGcmSealing.withBase64Key(MASTER_KEY);
        return fixture.sql.withHandle(handle -> handle.createQuery("SELECT renderer_account, url, sealed_secret FROM renderer_webhooks")
                .map((rs, ctx) -> sealing.open(rs.getBytes(3), "renderer_webhooks/" + rs.getString(1) + "/" + rs.getString(2))).first());
    }

    /** Every secret this world knows: none may ever show in the service's log. */
    Map<String, String> secrets() {
        Map<String, String> secrets = new java.util.LinkedHashMap<>();
        secrets.put("admin key", ADMIN_KEY);
        secrets.put("master key", MASTER_KEY);
        secrets.put("HeyGen key", simulator.apiKey());
        secrets.put("HeyGen webhook secret", webhookSecret);
        for (Tenant tenant : List.of(caller, victim)) {
            secrets.put(tenant.id() + "'s key", tenant.key());
            secrets.put(tenant.id() + "'s spare key", tenant.spareKey());
            secrets.put(tenant.id() + "'s callback secret", tenant.callbackSecret());
            secrets.put(tenant.id() + "'s endpoint secret", tenant.endpointSecret());
        }
        return secrets;
    }

    /** Sends the request over a plain socket; empty when the service closed the connection without an answer. */
    Optional<RawHttp.Answer> send(HostileRequest request) {
        return RawHttp.exchange("127.0.0.1", port, request.bytes("127.0.0.1:" + port));
    }

    /** Everything a caller could see change, read through the API, and every file under DATA_DIR/files. */
    ServiceState state() throws IOException {
        return ServiceState.read(api, List.of(caller, victim), dataDir);
    }

    @Override
    public void close() {
        service.close();
        simulator.close();
    }
}
