package dev.avatarvideo.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.avatarvideo.application.port.out.IngestQueue;
import dev.avatarvideo.application.port.out.RenderChecks;
import dev.avatarvideo.application.port.out.RenderEventInbox;
import dev.avatarvideo.application.port.out.RendererCallCounts;
import dev.avatarvideo.application.port.out.SubmissionQueue;
import dev.avatarvideo.application.port.out.Topics;
import dev.avatarvideo.application.port.out.Transactions;
import dev.avatarvideo.application.port.out.UnclaimedObjects;
import dev.avatarvideo.application.port.out.VideoStatistics;
import dev.avatarvideo.application.port.out.Videos;
import dev.avatarvideo.application.port.out.WebhookRegistrations;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database: a connection pool, the schema brought up to date by Flyway on connect, and the
 * repositories and unit of work built on it.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private PostgresDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Connects, migrates the schema, and answers a database ready for use. */
    public static PostgresDatabase connect(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setPoolName("avatar-video-db");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load();
            MigrateResult result = flyway.migrate();
            LOG.info("database schema at version {} ({} migration(s) applied now)", flyway.info().current().getVersion(), result.migrationsExecuted);
            return new PostgresDatabase(dataSource);
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

    public RenderEventInbox renderEventInbox() {
        return new JdbiRenderEventInbox(jdbi);
    }

    /** Webhook registrations whose secrets are sealed with {@code sealing} at rest. */
    public WebhookRegistrations webhookRegistrations(AesGcmSealing sealing) {
        return new JdbiWebhookRegistrations(jdbi, sealing);
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
