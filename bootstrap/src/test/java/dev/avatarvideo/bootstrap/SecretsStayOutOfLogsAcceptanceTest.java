package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.adapters.persistence.AesGcmSealing;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.WebhookReceiver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 7, acceptance 2: a full walk-through on the real wiring, in hybrid mode so HeyGen's webhooks (signed with the
 * secrets the service registered for the service account and for a tenant's own account) come in, with tenants and
 * service keys created, used and revoked, a tenant HeyGen key registered, notification endpoints and callback secrets
 * in use. Then not one captured log line holds any of the secrets involved.
 */
class SecretsStayOutOfLogsAcceptanceTest {

    private static final String MASTER_KEY = "q2v8c3Jd3nYcS9mQ1w0bVt7Lx5RkPz4eHf6Gj8Aa0Bc=";
    private static final String TENANT_HEYGEN_KEY = "walkthrough-tenant-heygen-key-91";

    @TempDir
    Path dataDir;

    private final TrackingFixture fixture = new TrackingFixture();

    @Test
    void noLogLineHoldsAServiceKeyAHeyGenKeyOrAWebhookSecret() throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
        Map<String, String> secrets = new LinkedHashMap<>();
        try (HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withPort(0).withRenderTime(Duration.ofMillis(500))
                // The service registers its plain-HTTP loopback address; HeyGen itself would want https.
                .withHttpWebhookUrlsAllowed());
             WebhookReceiver platform = WebhookReceiver.start()) {
            simulator.acceptApiKey(TENANT_HEYGEN_KEY, "Walk-through Academy");
            int port = TrackingFixture.freePort();
            URI base = URI.create("http://localhost:" + port);
            try (AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(fixture.environment(dataDir, port,
                    simulator.baseUrl(), simulator.apiKey(), Map.of("HEYGEN_PROCESSING_MODE", "hybrid", "PUBLIC_BASE_URL", base.toString(),
                            "MASTER_KEY", MASTER_KEY, "NOTIFICATION_ALLOWED_HOSTS", "127.0.0.1"))))) {
                ApiCalls api = new ApiCalls(service.baseUrl());
                secrets.put("service HeyGen key", simulator.apiKey());
                secrets.put("admin key", TrackingFixture.ADMIN_KEY);
                secrets.put("master key", MASTER_KEY);
                String defaultKey = ApiKeyFiles.defaultKey(dataDir);
                secrets.put("default tenant's key", defaultKey);

                String tenantKey = api.expect(201, "POST", "/admin/tenants", TrackingFixture.ADMIN_KEY, "{\"id\": \"academy\"}").at("/apiKey/key").asText();
                secrets.put("tenant's first key", tenantKey);
                JsonNode second = api.expect(201, "POST", "/api/api-keys", tenantKey, "{\"name\": \"ci\"}");
                secrets.put("tenant's second key", second.get("key").asText());
                String adminIssued = api.expect(201, "POST", "/admin/tenants/academy/api-keys", TrackingFixture.ADMIN_KEY, null).get("key").asText();
                secrets.put("key the operator issued", adminIssued);

                JsonNode heygenKey = api.expect(200, "PUT", "/api/heygen-key", tenantKey, "{\"apiKey\": \"" + TENANT_HEYGEN_KEY + "\"}");
                secrets.put("tenant's HeyGen key", TENANT_HEYGEN_KEY);
                assertThat(heygenKey.at("/webhook/ready").asBoolean()).as("the tenant account's webhook: %s", heygenKey).isTrue();
                api.expect(422, "PUT", "/api/heygen-key", defaultKey, "{\"apiKey\": \"refused-heygen-key-for-the-log-test\"}");
                secrets.put("refused HeyGen key", "refused-heygen-key-for-the-log-test");

                JsonNode endpoint = api.expect(201, "POST", "/api/webhook-endpoints", second.get("key").asText(),
                        "{\"url\": \"" + platform.url("/hooks") + "\"}");
                secrets.put("notification endpoint secret", endpoint.get("secret").asText());
                secrets.put("callback secret", api.expect(200, "GET", "/api/callback-secret", tenantKey, null).get("secret").asText());
                secrets.put("rotated callback secret", api.expect(200, "POST", "/api/callback-secret/rotate", tenantKey, null).get("secret").asText());

                List<String> ids = new ArrayList<>();
                ids.add(api.expect(202, "POST", "/api/videos", second.get("key").asText(), """
                        {"title": "Walk", "callbackUrl": "%s", "scenes": [{"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Hi."}]}"""
                        .formatted(platform.url("/callback"))).get("id").asText());
                ids.add(api.expect(202, "POST", "/api/videos", defaultKey, ApiCalls.video("Service account")).get("id").asText());
                TrackingFixture.await("both videos ready", () -> fixture.countIn(ids, "READY") == 2);
                platform.awaitReceived(all -> all.stream().anyMatch(r -> r.body().contains("video.ready") && r.path().equals("/hooks"))
                        && all.stream().anyMatch(r -> r.body().contains("video.ready") && r.path().equals("/callback")), Duration.ofMinutes(2));
                assertThat(fixture.count("SELECT count(*) FROM renderer_events")).as("HeyGen's webhooks came in").isGreaterThanOrEqualTo(2);

                api.expect(204, "DELETE", "/api/api-keys/" + second.get("id").asText(), tenantKey, null);
                assertThat(api.call("GET", "/api/videos", second.get("key").asText(), null).statusCode()).isEqualTo(401);
                assertThat(api.call("GET", "/admin/status", "wrong-admin-key-" + TrackingFixture.ADMIN_KEY, null).statusCode()).isEqualTo(401);
                api.expect(200, "GET", "/admin/status", TrackingFixture.ADMIN_KEY, null);

                AesGcmSealing sealing = AesGcmSealing.withBase64Key(MASTER_KEY);
                fixture.sql.useHandle(handle -> handle.createQuery("SELECT renderer_account, url, sealed_secret FROM renderer_webhooks")
                        .map((rs, ctx) -> sealing.open(rs.getBytes(3), "renderer_webhooks/" + rs.getString(1) + "/" + rs.getString(2)))
                        .list().forEach(secret -> secrets.put("HeyGen webhook secret " + secrets.size(), secret)));
                assertThat(secrets.keySet().stream().filter(k -> k.startsWith("HeyGen webhook secret"))).as("service and tenant account").hasSize(2);
            }
        } finally {
            root.detachAppender(captured);
        }

        List<String> lines = captured.list.stream()
                .map(event -> event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .toList();
        assertThat(lines).hasSizeGreaterThan(20);
        List<String> leaks = new ArrayList<>();
        secrets.forEach((what, secret) -> lines.stream().filter(line -> line.contains(secret)).forEach(line -> leaks.add(what + " in: " + line)));
        assertThat(leaks).isEmpty();
    }
}
