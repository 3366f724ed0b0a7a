package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.RendererAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.contract.VideoWorkContract;
import dev.avatarvideo.application.port.out.rendering.IngestQueue;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.RenderEventInbox;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.application.port.out.video.VideoEvents;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The work queues' contract on a real PostgreSQL, a fresh database per test (the queues look at every video). */
class JdbiVideoWorkTest extends VideoWorkContract {

    private static final RendererAccount ACCOUNT = new RendererAccount("acc0acc0acc0");

    private final List<PostgresDatabase> opened = new ArrayList<>();

    @Override
    protected Work newWork() {
        PostgresDatabase database = database();
        WorkerLeases leases = database.leases(Duration.ofMinutes(1));
        return new Work(database.videos(), database.submissionQueue(leases), database.renderChecks(leases), database.ingestQueue(leases),
                database.submittedAccounts(), database.renderEventInbox(), database.videoStatistics());
    }

    /**
     * The queues keep their claims, leases and schedules in the video rows, and write them far more often than a status
     * changes; only status changes may reach the event log (and through it the live streams and the outbox).
     */
    @Test
    void claimsLeasesSchedulesAndRendererEventsRecordNoVideoEventsOnlyStatusChangesDo() {
        PostgresDatabase database = database();
        WorkerLeases leases = database.leases(Duration.ofMinutes(1));
        Videos videos = database.videos();
        SubmissionQueue submissions = database.submissionQueue(leases);
        RenderChecks checks = database.renderChecks(leases);
        IngestQueue ingest = database.ingestQueue(leases);
        RenderEventInbox inbox = database.renderEventInbox();
        VideoEvents events = database.videoEvents();
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        TenantId tenant = TenantId.of("quiet");
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), tenant, null, List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.SQUARE, now);
        videos.add(video);
        long requested = events.lastId();

        assertThat(submissions.claim(List.of(video.id()), ACCOUNT, now)).hasSize(1);
        leases.renew(now);
        submissions.release(video.id());
        AvatarVideo claimed = submissions.claim(List.of(video.id()), ACCOUNT, now).getFirst();
        assertThat(events.lastId()).as("claiming a queued video").isEqualTo(requested);

        RenderId render = new RenderId("render-" + video.id());
        videos.update(claimed.startRendering(render, now));
        checks.startTracking(video.id(), ACCOUNT, now, now);
        long rendering = events.lastId();
        assertThat(rendering).as("the status change").isGreaterThan(requested);

        assertThat(checks.claimDue(now.plusSeconds(1), 10)).hasSize(1);
        leases.renew(now.plusSeconds(1));
        checks.reschedule(video.id(), now.plusSeconds(60), true);
        inbox.add(new RenderEvent(WebhookEvent.VIDEO_RENDERED, render), now.plusSeconds(2));
        assertThat(inbox.apply(now.plusSeconds(2), now)).isEqualTo(1);
        assertThat(ingest.claimForIngest(now.plusSeconds(3), 10)).hasSize(1);
        ingest.retryAt(video.id(), now.plusSeconds(10));

        assertThat(events.lastId()).as("tracking, renderer events and ingest claims").isEqualTo(rendering);
        assertThat(events.ofVideosAfter(tenant, List.of(video.id()), 0, 10)).extracting(VideoEvent::status)
                .containsExactly(VideoStatus.QUEUED, VideoStatus.RENDERING);
    }

    private PostgresDatabase database() {
        PostgresDatabase database = DatabaseForTests.migrated().database();
        opened.add(database);
        return database;
    }

    @AfterEach
    void disconnect() {
        opened.forEach(PostgresDatabase::close);
    }
}
