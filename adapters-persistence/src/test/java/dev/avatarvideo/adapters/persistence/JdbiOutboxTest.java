package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.OutboxContract;
import dev.avatarvideo.application.contract.VideosContract;
import dev.avatarvideo.application.port.out.notification.Outbox;
import dev.avatarvideo.application.port.out.notification.Outbox.Delivery;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox's contract on a real PostgreSQL, and what only the database does: what the triggers queue, and instances
 * claiming side by side.
 */
class JdbiOutboxTest extends OutboxContract {

    private static final Instant LATER = T0.plus(Duration.ofDays(1));
    private static final AesGcmSealing KEY = DatabaseForTests.randomSealing();

    private static DatabaseForTests fixture;
    private static PostgresDatabase database;
    private static Jdbi raw;

    private Videos videos;
    private Outbox outbox;
    private TenantId tenant;

    @BeforeAll
    static void connect() {
        fixture = DatabaseForTests.migrated();
        database = fixture.database();
        raw = Jdbi.create(fixture.connection().dataSource());
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @BeforeEach
    void setUp() {
        videos = database.videos();
        outbox = database.outbox(KEY);
        tenant = TenantId.of("ob-" + UUID.randomUUID().toString().substring(0, 8));
        // Each test starts from an empty outbox: earlier tests' deliveries must not be claimed here.
        raw.useHandle(h -> h.execute("DELETE FROM notification_deliveries"));
    }

    @Override
    protected Outbox newOutbox() {
        return database.outbox(KEY);
    }

    /** A tenant of its own with one endpoint that hears QUEUED, and a new video: the trigger queues exactly one delivery. */
    @Override
    protected void queue(NotificationUrl url, Instant at, SigningSecret secret) {
        TenantId own = TenantId.of("ob-" + UUID.randomUUID().toString().substring(0, 8));
        database.notificationEndpoints(KEY).add(new NotificationEndpoint(NotificationEndpointId.newId(), own, url, Set.of(VideoStatus.QUEUED), at),
                secret);
        videos.add(AvatarVideo.request(VideoId.newId(), own, "outbox", List.of(new Scene("a", "v", "s")), Resolution.P720, AspectRatio.SQUARE, at));
    }

    @Test
    void aStatusChangeIsQueuedForEveryEndpointThatHearsItAndForTheVideosCallback() {
        SigningSecret allSecret = SigningSecret.generate();
        NotificationEndpoint all = endpoint(Set.of(VideoStatus.values()), allSecret);
        NotificationEndpoint readyOnly = endpoint(Set.of(VideoStatus.READY), SigningSecret.generate());
        SigningSecret callbackSecret = database.callbackSecrets(KEY).findOrAdd(tenant, SigningSecret.generate());
        AvatarVideo video = request();
        database.transactions().inTransaction(() -> {
            videos.add(video);
            database.videoCallbacks().register(tenant, video.id(), NotificationUrl.parse("callbackUrl", "https://platform.example/cb/1"));
        });
        AvatarVideo rendering = videos.update(video.startRendering(new RenderId("r-" + video.id()), T0.plusSeconds(1)));

        List<Delivery> due = outbox.claimDue(LATER, Duration.ofMinutes(1), 100);

        Map<String, List<VideoStatus>> byUrl = due.stream().collect(Collectors.groupingBy(d -> d.url().toString(),
                Collectors.mapping(d -> d.event().status(), Collectors.toList())));
        assertThat(byUrl).containsOnlyKeys(all.url().toString(), "https://platform.example/cb/1");
        assertThat(byUrl.get(all.url().toString())).containsExactlyInAnyOrder(VideoStatus.QUEUED, VideoStatus.RENDERING);
        assertThat(byUrl.get("https://platform.example/cb/1")).as("the callback hears what follows the request").containsExactly(VideoStatus.RENDERING);
        assertThat(due).filteredOn(d -> d.url().equals(all.url())).allSatisfy(d -> assertThat(d.secret()).contains(allSecret));
        assertThat(due).filteredOn(d -> d.url().toString().contains("/cb/")).allSatisfy(d -> {
            assertThat(d.secret()).contains(callbackSecret);
            assertThat(d.queuedAt()).isEqualTo(rendering.updatedAt());
            assertThat(d.attempts()).isZero();
        });
        assertThat(readyOnly).isNotNull();
    }

    @Test
    void aReadyDeliveryCarriesTheFilesMetadataAndTheLessonParts() {
        endpoint(Set.of(VideoStatus.READY), SigningSecret.generate());
        AvatarVideo video = request();
        videos.add(video);
        AvatarVideo ingesting = videos.update(video.startRendering(new RenderId("r-" + video.id()), T0).startIngesting(T0.plusSeconds(1)));
        StoredFile file = new StoredFile(URI.create("https://files.example/f.mp4"), "f.mp4", 77, "video/mp4", StorageKey.newFor(tenant, "f.mp4"),
                T0.plusSeconds(2), "sha256:" + "0f".repeat(32), "filesystem");
        LessonParts parts = VideosContract.everyPart(tenant, T0.plusSeconds(2));
        videos.update(ingesting.markReady(file, parts, T0.plusSeconds(2)));

        Delivery ready = outbox.claimDue(LATER, Duration.ofMinutes(1), 10).getFirst();

        assertThat(ready.event().status()).isEqualTo(VideoStatus.READY);
        assertThat(ready.event().file().storagePath()).isEqualTo(file.storagePath());
        assertThat(ready.event().file().fileSize()).isEqualTo(77);
        assertThat(ready.event().parts()).isEqualTo(parts);
    }

    @Test
    void aChangeThatRollsBackQueuesNothing() {
        endpoint(Set.of(VideoStatus.values()), SigningSecret.generate());
        AvatarVideo video = request();

        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            videos.add(video);
            videos.update(video.startRendering(new RenderId("r-" + video.id()), T0.plusSeconds(1)));
            throw new IllegalStateException("refused");
        }));

        assertThat(outbox.claimDue(LATER, Duration.ofMinutes(1), 100)).isEmpty();
    }

    @Test
    void aClaimedDeliveryIsNoOneElsesUntilItsLeaseEndsAndOutcomesNeedTheCurrentClaim() {
        endpoint(Set.of(VideoStatus.QUEUED), SigningSecret.generate());
        videos.add(request());

        Delivery first = outbox.claimDue(T0, Duration.ofMinutes(1), 10).getFirst();
        assertThat(outbox.claimDue(T0.plusSeconds(59), Duration.ofMinutes(1), 10)).isEmpty();
        Delivery again = outbox.claimDue(T0.plusSeconds(61), Duration.ofMinutes(1), 10).getFirst();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.claim()).isNotEqualTo(first.claim());

        outbox.delivered(first, T0.plusSeconds(62));
        assertThat(state(first.id())).as("a lapsed claim records nothing").isEqualTo("PENDING");
        outbox.failed(again, "HTTP 500", T0.plusSeconds(62), T0.plusSeconds(120));
        assertThat(state(first.id())).isEqualTo("PENDING");
        assertThat(outbox.claimDue(T0.plusSeconds(119), Duration.ofMinutes(1), 10)).isEmpty();
        Delivery third = outbox.claimDue(T0.plusSeconds(120), Duration.ofMinutes(1), 10).getFirst();
        assertThat(third.attempts()).isEqualTo(1);

        outbox.gaveUp(third, "HTTP 500 again", T0.plusSeconds(121));
        assertThat(state(first.id())).isEqualTo("GAVE_UP");
        String lastError = raw.withHandle(h -> h.createQuery("SELECT last_error FROM notification_deliveries WHERE id = :id")
                .bind("id", first.id()).mapTo(String.class).one());
        assertThat(lastError).isEqualTo("HTTP 500 again");
        assertThat(outbox.claimDue(LATER, Duration.ofMinutes(1), 10)).isEmpty();
    }

    @Test
    void instancesClaimingAtTheSameTimeNeverGetTheSameDelivery() throws Exception {
        endpoint(Set.of(VideoStatus.values()), SigningSecret.generate());
        for (int i = 0; i < 60; i++) {
            videos.add(request());
        }
        Outbox otherInstance = PostgresDatabase.connect(new DatabaseSettings(fixture.connection().jdbcUrl(), fixture.connection().user(),
                fixture.connection().password(), 4)).outbox(KEY);
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService claimers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Outbox mine = i % 2 == 0 ? outbox : otherInstance;
                done.add(claimers.submit(() -> {
                    go.await();
                    for (List<Delivery> batch = mine.claimDue(LATER, Duration.ofMinutes(5), 7); !batch.isEmpty();
                            batch = mine.claimDue(LATER, Duration.ofMinutes(5), 7)) {
                        batch.forEach(d -> claimed.add(d.id()));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }

        assertThat(claimed).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void removingAnEndpointDropsWhatWasWaitingForIt() {
        NotificationEndpoint endpoint = endpoint(Set.of(VideoStatus.values()), SigningSecret.generate());
        videos.add(request());

        assertThat(database.notificationEndpoints(KEY).remove(tenant, endpoint.id())).isTrue();

        assertThat(outbox.claimDue(LATER, Duration.ofMinutes(1), 10)).isEmpty();
    }

    private String state(long id) {
        return raw.withHandle(h -> h.createQuery("SELECT state FROM notification_deliveries WHERE id = :id").bind("id", id).mapTo(String.class).one());
    }

    private NotificationEndpoint endpoint(Set<VideoStatus> statuses, SigningSecret secret) {
        NotificationEndpoint endpoint = new NotificationEndpoint(NotificationEndpointId.newId(), tenant,
                NotificationUrl.parse("url", "https://platform.example/" + UUID.randomUUID()), statuses, T0);
        database.notificationEndpoints(KEY).add(endpoint, secret);
        return endpoint;
    }

    private AvatarVideo request() {
        return AvatarVideo.request(VideoId.newId(), tenant, "outbox", List.of(new Scene("a", "v", "s")), Resolution.P720, AspectRatio.SQUARE, T0);
    }
}
