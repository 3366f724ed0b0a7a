package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.out.rendering.SubmissionQueue.QueuedVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Who gets a free render slot: each slot goes to the tenant with the fewest renders in flight (counting the slots
 * handed out in this round), and among equals to the one whose next video has waited longest. One tenant's thousand
 * queued videos therefore take only the slots nobody else wants, and a tenant with one video gets the next free slot.
 */
final class FairShare {

    private FairShare() {
    }

    /** Up to {@code slots} of the candidates, in the order they should be submitted. */
    static List<VideoId> choose(List<QueuedVideo> candidates, Map<TenantId, Integer> inFlight, int slots) {
        Map<TenantId, Deque<QueuedVideo>> waiting = new LinkedHashMap<>();
        candidates.stream()
                .sorted(Comparator.comparing(QueuedVideo::createdAt).thenComparing(v -> v.id().value()))
                .forEach(video -> waiting.computeIfAbsent(video.tenantId(), t -> new ArrayDeque<>()).add(video));
        PriorityQueue<Turn> turns = new PriorityQueue<>(Comparator.comparingInt(Turn::load)
                .thenComparing(turn -> turn.next().createdAt())
                .thenComparing(turn -> turn.next().id().value()));
        waiting.forEach((tenant, videos) -> turns.add(new Turn(tenant, inFlight.getOrDefault(tenant, 0), videos)));
        List<VideoId> chosen = new ArrayList<>();
        while (chosen.size() < slots && !turns.isEmpty()) {
            Turn turn = turns.poll();
            chosen.add(turn.videos().removeFirst().id());
            if (!turn.videos().isEmpty()) {
                turns.add(new Turn(turn.tenant(), turn.load() + 1, turn.videos()));
            }
        }
        return chosen;
    }

    private record Turn(TenantId tenant, int load, Deque<QueuedVideo> videos) {

        QueuedVideo next() {
            return videos.getFirst();
        }
    }
}
