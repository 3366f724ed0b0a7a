package dev.avatarvideo.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.avatarvideo.application.port.out.tenant.ApiKeys;
import dev.avatarvideo.application.port.out.notification.CallbackSecrets;
import dev.avatarvideo.application.port.out.idempotency.IdempotencyRecords;
import dev.avatarvideo.application.port.out.rendering.IngestQueue;
import dev.avatarvideo.application.port.out.notification.NotificationEndpoints;
import dev.avatarvideo.application.port.out.notification.Outbox;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.RenderEventInbox;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.RendererKeys;
import dev.avatarvideo.application.port.out.rendering.SubmittedAccounts;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.application.port.out.tenant.Tenants;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.application.port.out.video.VideoCallbacks;
import dev.avatarvideo.application.port.out.video.VideoEventNotifications;
import dev.avatarvideo.application.port.out.video.VideoEvents;
import dev.avatarvideo.application.port.out.video.VideoStatistics;
import dev.avatarvideo.application.port.out.video.VideoWaits;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database: a connection pool, the schema brought up to date by Flyway on connect, and the
 * repositories and unit of work built on it.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    /** Every table with a {@code sealed_secret} column: what {@link #requireSecretsSealedWith} looks at. */
    private static final List<String> TABLES_WITH_SEALED_SECRETS = List.of("renderer_webhooks", "notification_endpoints", "callback_secrets",
            "tenant_renderer_keys");
    /** How long the event listener waits for a notification before checking its connection still answers. */
    private static final Duration LISTENER_LIVENESS_CHECK = Duration.ofSeconds(5);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final DatabaseSettings settings;

    private PostgresDatabase(HikariDataSource dataSource, DatabaseSettings settings) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // A failed statement's exception would otherwise carry its SQL and every bound argument (titles, scripts, names,
        // sealed secrets) in its message, and so into the log.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.settings = settings;
    }

    /** Connects, migrates the schema, and answers a database ready for use. */
    public static PostgresDatabase connect(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setPoolName("avatar-video-db");
        // PostgreSQL's error details quote the offending values ("Key (name)=(…) already exists"); keep them out of exceptions.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load();
            MigrateResult result = flyway.migrate();
            LOG.info("database schema at version {} ({} migration(s) applied now)", flyway.info().current().getVersion(), result.migrationsExecuted);
            return new PostgresDatabase(dataSource, settings);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public Videos videos() {
        return new JdbiVideos(jdbi);
    }

    public Transactions transactions() {
        return new JdbiTransactions(jdbi);
    }

    public Topics topics() {
        return new JdbiTopics(jdbi);
    }

    public UnclaimedObjects unclaimedObjects() {
        return new JdbiUnclaimedObjects(jdbi);
    }

    /**
     * This instance's leases on videos; build the work queues with it, and {@link WorkerLeases#renew renew} it a few
     * times per {@code leaseLength}.
     */
    public WorkerLeases leases(Duration leaseLength) {
        return new WorkerLeases(jdbi, WorkerLeases.newOwner(), leaseLength);
    }

    public SubmissionQueue submissionQueue(WorkerLeases leases) {
        return new JdbiSubmissionQueue(claims(leases));
    }

    public RenderChecks renderChecks(WorkerLeases leases) {
        return new JdbiRenderChecks(claims(leases));
    }

    public IngestQueue ingestQueue(WorkerLeases leases) {
        return new JdbiIngestQueue(claims(leases));
    }

    public SubmittedAccounts submittedAccounts() {
        return new JdbiSubmittedAccounts(jdbi);
    }

    public RenderEventInbox renderEventInbox() {
        return new JdbiRenderEventInbox(jdbi);
    }

    /** Webhook registrations whose secrets are sealed with {@code sealing} at rest. */
    public WebhookRegistrations webhookRegistrations(AesGcmSealing sealing) {
        return new JdbiWebhookRegistrations(jdbi, sealing);
    }

    public VideoWaits videoWaits() {
        return new JdbiVideoWaits(jdbi);
    }

    public RendererCallCounts rendererCallCounts() {
        return new JdbiRendererCallCounts(jdbi);
    }

    public VideoStatistics videoStatistics() {
        return new JdbiVideoStatistics(jdbi);
    }

    private VideoClaims claims(WorkerLeases leases) {
        return new VideoClaims(jdbi, new JdbiVideos(jdbi), leases);
    }

    /** The log the triggers on {@code avatar_videos} write: one event per video added and per status change. */
    public VideoEvents videoEvents() {
        return new JdbiVideoEvents(jdbi);
    }

    /**
     * Wake-ups whenever any instance commits a video event, over a connection of their own that is re-established
     * (after {@code firstReconnectPause}, doubling up to {@code maxReconnectPause}) whenever it fails.
     */
    public VideoEventNotifications videoEventNotifications(Duration firstReconnectPause, Duration maxReconnectPause) {
        return new PostgresVideoEventNotifications(settings, LISTENER_LIVENESS_CHECK, firstReconnectPause, maxReconnectPause);
    }

    /** The platform's endpoints, whose secrets are sealed with {@code sealing} at rest. */
    public NotificationEndpoints notificationEndpoints(AesGcmSealing sealing) {
        return new JdbiNotificationEndpoints(jdbi, sealing);
    }

    /** The tenants' callback secrets, sealed with {@code sealing} at rest. */
    public CallbackSecrets callbackSecrets(AesGcmSealing sealing) {
        return new JdbiCallbackSecrets(jdbi, sealing);
    }

    public Tenants tenants() {
        return new JdbiTenants(jdbi);
    }

    public ApiKeys apiKeys() {
        return new JdbiApiKeys(jdbi);
    }

    /** The tenants' renderer keys, sealed with {@code sealing} at rest. */
    public RendererKeys rendererKeys(AesGcmSealing sealing) {
        return new JdbiRendererKeys(jdbi, sealing);
    }

    public VideoCallbacks videoCallbacks() {
        return new JdbiVideoCallbacks(jdbi);
    }

    /**
     * The notifications waiting to be delivered, which the triggers on {@code avatar_videos} queue; their secrets are
     * opened with {@code sealing}.
     */
    public Outbox outbox(AesGcmSealing sealing) {
        return new JdbiOutbox(jdbi, sealing);
    }

    /** Requests made with an Idempotency-Key and their answers; the answers sealed, since some carry a new key or secret. */
    public IdempotencyRecords idempotencyRecords(AesGcmSealing sealing) {
        return new JdbiIdempotencyRecords(jdbi, sealing);
    }

    /**
     * Checks that every secret the database holds was sealed under {@code sealing}'s master key, so an instance given
     * another key than the others stops at start instead of failing each delivery, webhook or request that needs one.
     *
     * @throws AesGcmSealing.SealedWithAnotherKeyException naming the table of the first secret sealed under another key
     */
    public void requireSecretsSealedWith(AesGcmSealing sealing) {
        jdbi.useHandle(handle -> {
            for (String table : TABLES_WITH_SEALED_SECRETS) {
                handle.createQuery("SELECT DISTINCT substring(sealed_secret FROM 1 FOR :keyIdEnd) FROM <table>")
                        .define("table", table)
                        .bind("keyIdEnd", AesGcmSealing.KEY_ID_END)
                        .mapTo(byte[].class)
                        .forEach(keyId -> sealing.requireThisKey(keyId, "a row of " + table));
            }
        });
    }

    /** Answers whether a round trip to the database works now. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one() == 1);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
