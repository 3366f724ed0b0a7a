package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.adapters.notifications.HttpNotificationSender;
import dev.avatarvideo.adapters.persistence.AesGcmSealing;
import dev.avatarvideo.adapters.persistence.DatabaseSettings;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.adapters.runtime.FailsafeRetryBackoff;
import dev.avatarvideo.application.fakes.InMemoryFileStorage;
import dev.avatarvideo.application.fakes.ScriptedHostLookup;
import dev.avatarvideo.application.port.in.notification.AddNotificationEndpointCommand;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.service.NotificationDeliverer;
import dev.avatarvideo.application.service.NotificationEndpointRegistry;
import dev.avatarvideo.application.service.ReceiverScreening;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.testsupport.TestPostgres;
import dev.avatarvideo.testsupport.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox from a save on PostgreSQL to a real HTTP receiver, through the delivery service and the HTTP sender. */
class OutboxDeliveryOnPostgresTest {

    private static final TenantId TENANT = TenantId.of("outbox");
    private static final AesGcmSealing KEY = AesGcmSealing.withBase64Key("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    private static final Clock CLOCK = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final ScriptedHostLookup dns = new ScriptedHostLookup();
    /** The receiver listens on loopback, which an operator allows the same way. */
    private final HttpNotificationSender sender = new HttpNotificationSender(Duration.ofSeconds(5), dns, ReceiverAddressPolicy.allowing("127.0.0.1"));
    private TestPostgres.Database connection;
    private PostgresDatabase database;
    private SigningSecret secret;

    @BeforeEach
    void start() {
        connection = TestPostgres.freshDatabase();
        database = PostgresDatabase.connect(new DatabaseSettings(connection.jdbcUrl(), connection.user(), connection.password(), 4));
        secret = SigningSecret.generate();
        database.notificationEndpoints(KEY).add(new NotificationEndpoint(NotificationEndpointId.newId(), TENANT,
                new NotificationUrl(receiver.url("/hooks")), Set.of(VideoStatus.values()), Instant.now()), secret);
    }

    @AfterEach
    void stop() {
        receiver.close();
        sender.close();
        database.close();
    }

    @Test
    void aSaveThatRollsBackSendsNothing() throws Exception {
        NotificationDeliverer deliverer = deliverer(Duration.ofHours(24));
        AvatarVideo rolledBack = request();
        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            database.videos().add(rolledBack);
            database.videos().update(rolledBack.startRendering(new RenderId("r-" + rolledBack.id()), CLOCK.now()));
            throw new IllegalStateException("refused at commit");
        })).hasMessage("refused at commit");
        AvatarVideo committed = request();
        database.videos().add(committed);

        deliverer.deliverDue();
        List<WebhookReceiver.Received> received = receiver.awaitReceived(all -> !all.isEmpty(), Duration.ofSeconds(30));
        deliverer.deliverDue();

        assertThat(receiver.received()).hasSize(1).allSatisfy(r -> {
            assertThat(r.body()).contains(committed.id().toString()).doesNotContain(rolledBack.id().toString());
            assertThat(r.signedWith(secret.value())).isTrue();
        });
        assertThat(received).hasSize(1);
    }

    @Test
    void aDeliveryThatKeepsFailingIsGivenUpAndKeepsItsLastError() throws Exception {
        receiver.answerWith(() -> 500);
        NotificationDeliverer deliverer = deliverer(Duration.ofMillis(500));
        database.videos().add(request());

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Jdbi raw = Jdbi.create(connection.dataSource());
        Map<String, Object> delivery;
        do {
            deliverer.deliverDue();
            Thread.sleep(20);
            delivery = raw.withHandle(h -> h.createQuery("SELECT state, attempts, last_error, next_attempt_at FROM notification_deliveries")
                    .mapToMap().one());
        } while (delivery.get("state").equals("PENDING") && System.nanoTime() < deadline);

        assertThat(delivery.get("state")).isEqualTo("GAVE_UP");
        assertThat(delivery.get("last_error")).isEqualTo("HTTP 500");
        assertThat(delivery.get("next_attempt_at")).isNull();
        assertThat((Integer) delivery.get("attempts")).isGreaterThanOrEqualTo(2).isEqualTo(receiver.received().size());
        int attemptsMade = receiver.received().size();
        deliverer.deliverDue();
        assertThat(receiver.received()).as("nothing more after giving up").hasSize(attemptsMade);
    }

    /**
     * DNS rebinding: a host that points at a public address when the endpoint is saved, and at the service's own
     * loopback (where a receiver listens) when the notification goes out. The save passes the check; the delivery
     * looks the name up again, finds only an internal address, connects to nothing and gives up, saying why.
     */
    @Test
    void aHostThatPointsInsideByTheTimeOfDeliveryIsNeverConnectedTo() throws Exception {
        TenantId tenant = TenantId.of("rebinding");
        String host = "hooks.rebinding.example";
        dns.point(host, "203.0.113.7");
        NotificationEndpointRegistry registry = new NotificationEndpointRegistry(database.notificationEndpoints(KEY),
                new ReceiverScreening(dns, ReceiverAddressPolicy.publicOnly()), CLOCK);
        registry.add(AddNotificationEndpointCommand.fromFields(tenant, "http://" + host + ":" + receiver.url("/").getPort() + "/hooks", null));

        dns.point(host, "127.0.0.1");
        database.videos().add(AvatarVideo.request(VideoId.newId(), tenant, "rebinding", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.SQUARE, CLOCK.now()));
        try (HttpNotificationSender strict = new HttpNotificationSender(Duration.ofSeconds(5), dns, ReceiverAddressPolicy.publicOnly())) {
            new NotificationDeliverer(database.outbox(KEY), strict, new InMemoryFileStorage(CLOCK),
                    new FailsafeRetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.2), Duration.ofHours(24), Duration.ofMinutes(1),
                    CLOCK, 10).deliverDue();
        }

        Map<String, Object> delivery = Jdbi.create(connection.dataSource()).withHandle(h -> h.createQuery(
                "SELECT state, attempts, last_error FROM notification_deliveries WHERE tenant_id = 'rebinding'").mapToMap().one());
        assertThat(delivery.get("state")).isEqualTo("GAVE_UP");
        assertThat((String) delivery.get("last_error")).contains("only to internal addresses").doesNotContain(host, "127.0.0.1");
        Thread.sleep(200);
        assertThat(receiver.received()).as("no connection reached the receiver").isEmpty();
    }

    private NotificationDeliverer deliverer(Duration giveUpAfter) {
        return new NotificationDeliverer(database.outbox(KEY), sender, new InMemoryFileStorage(CLOCK),
                new FailsafeRetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.2), giveUpAfter, Duration.ofMinutes(1), CLOCK, 10);
    }

    private static AvatarVideo request() {
        return AvatarVideo.request(VideoId.newId(), TENANT, "outbox", List.of(new Scene("a", "v", "s")), Resolution.P720, AspectRatio.SQUARE,
                CLOCK.now());
    }
}
