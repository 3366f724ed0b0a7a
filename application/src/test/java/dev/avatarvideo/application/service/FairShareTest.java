package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.SubmissionQueue.QueuedVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairShareTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final TenantId BIG = TenantId.of("big");
    private static final TenantId SMALL = TenantId.of("small");
    private static final TenantId OTHER = TenantId.of("other");

    private final Map<VideoId, String> names = new HashMap<>();

    @Test
    void aSlotGoesToTheTenantWithTheFewestRendersInFlightEvenIfItsVideoIsNewer() {
        List<QueuedVideo> candidates = new ArrayList<>(queued(BIG, 0, 5));
        candidates.addAll(queued(SMALL, 100, 1));

        List<VideoId> chosen = FairShare.choose(candidates, Map.of(BIG, 10), 1);

        assertThat(names(chosen)).containsExactly("small-0");
    }

    @Test
    void slotsAreDealtInTurnStartingWithTheOldestWaiting() {
        List<QueuedVideo> candidates = new ArrayList<>(queued(BIG, 0, 5));
        candidates.addAll(queued(SMALL, 10, 5));
        candidates.addAll(queued(OTHER, 20, 1));

        assertThat(names(FairShare.choose(candidates, Map.of(), 7)))
                .containsExactly("big-0", "small-0", "other-0", "big-1", "small-1", "big-2", "small-2");
    }

    @Test
    void aTenantFarBehindCatchesUpBeforeOthersGetMore() {
        List<QueuedVideo> candidates = new ArrayList<>(queued(BIG, 0, 5));
        candidates.addAll(queued(SMALL, 10, 5));

        assertThat(names(FairShare.choose(candidates, Map.of(BIG, 1, SMALL, 4), 4)))
                .containsExactly("big-0", "big-1", "big-2", "big-3");
    }

    @Test
    void neverChoosesMoreThanTheSlotsOrTheCandidates() {
        assertThat(FairShare.choose(queued(BIG, 0, 3), Map.of(), 10)).hasSize(3);
        assertThat(FairShare.choose(queued(BIG, 0, 3), Map.of(), 2)).hasSize(2);
        assertThat(FairShare.choose(queued(BIG, 0, 3), Map.of(), 0)).isEmpty();
        assertThat(FairShare.choose(List.of(), Map.of(), 5)).isEmpty();
    }

    private List<QueuedVideo> queued(TenantId tenant, int firstSecond, int count) {
        List<QueuedVideo> videos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            VideoId id = VideoId.newId();
            names.put(id, tenant.value() + "-" + i);
            videos.add(new QueuedVideo(id, tenant, T0.plusSeconds(firstSecond + i)));
        }
        return videos;
    }

    private List<String> names(List<VideoId> ids) {
        return ids.stream().map(names::get).toList();
    }
}
