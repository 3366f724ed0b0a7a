package dev.avatarvideo.application.fakes;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.application.port.out.rendering.SubmittedAccounts;
import dev.avatarvideo.application.port.out.rendering.IngestQueue;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.RenderEventInbox;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.application.port.out.video.VideoStatistics;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The work queues over {@link InMemoryVideos}, for fast service tests: claims, schedules and renderer events kept beside
 * the videos, the way the database keeps them in the video rows. A claim here lasts until it is given back (nobody
 * dies in a unit test); held to the same contracts as the database adapters.
 */
public final class InMemoryVideoWork implements SubmissionQueue, RenderChecks, IngestQueue, SubmittedAccounts, RenderEventInbox, VideoStatistics,
        RollbackTransactions.Participant {

    private final InMemoryVideos videos;
    private final Map<VideoId, Work> work = new HashMap<>();
    private final Set<VideoId> claimed = new HashSet<>();
    private final Map<RendererAccount, Instant> pauses = new HashMap<>();
    private final Map<RenderEvent, Received> events = new LinkedHashMap<>();

    public InMemoryVideoWork(InMemoryVideos videos) {
        this.videos = videos;
    }

    /**
     * What the database keeps in a video's row besides the video itself, for one render attempt: a new attempt starts
     * with none of it, as the database clears these columns when it saves the attempt.
     */
    private record Work(int attempt, RendererAccount account, Instant renderingSince, Instant nextCheckAt, int checks, Instant eventAt,
                        boolean checkRequested, Instant retryAt) {

        static Work none(int attempt) {
            return new Work(attempt, null, null, null, 0, null, false, null);
        }
    }

    private record Received(Instant firstAt, Instant lastAt, int deliveries, boolean applied) {
    }

    // ---- SubmissionQueue

    @Override
    public synchronized List<TenantId> tenantsWaiting(Instant now) {
        return videos.all().stream().filter(v -> v.status() == VideoStatus.QUEUED && !claimed.contains(v.id()))
                .map(AvatarVideo::tenantId).distinct().sorted(Comparator.comparing(TenantId::value)).toList();
    }

    @Override
    public synchronized <T> Optional<T> whileClaimingFor(RendererAccount account, Supplier<T> claim) {
        return Optional.of(claim.get());
    }

    @Override
    public synchronized Map<TenantId, Integer> inFlight(RendererAccount account, Instant now) {
        Map<TenantId, Integer> counts = new TreeMap<>(Comparator.comparing(TenantId::value));
        for (AvatarVideo video : videos.all()) {
            boolean onAccount = account.equals(state(video.id()).account());
            boolean rendering = video.status() == VideoStatus.RENDERING && !announcedEnded(video);
            boolean beingSubmitted = video.status() == VideoStatus.QUEUED && claimed.contains(video.id());
            if (onAccount && (rendering || beingSubmitted)) {
                counts.merge(video.tenantId(), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public synchronized List<QueuedVideo> oldestWaiting(Collection<TenantId> tenants, int perTenant, Instant now) {
        Set<TenantId> wanted = Set.copyOf(tenants);
        return videos.all().stream()
                .filter(v -> v.status() == VideoStatus.QUEUED && wanted.contains(v.tenantId()) && !claimed.contains(v.id()))
                .sorted(Comparator.comparing(AvatarVideo::createdAt).thenComparing(v -> v.id().value()))
                .collect(Collectors.groupingBy(AvatarVideo::tenantId, LinkedHashMap::new, Collectors.toList()))
                .values().stream()
                .flatMap(own -> own.stream().limit(perTenant))
                .map(v -> new QueuedVideo(v.id(), v.tenantId(), v.createdAt()))
                .toList();
    }

    @Override
    public synchronized List<AvatarVideo> claim(List<VideoId> ids, RendererAccount account, Instant now) {
        List<AvatarVideo> result = new ArrayList<>();
        for (VideoId id : ids) {
            Optional<AvatarVideo> video = videos.findById(id).filter(v -> v.status() == VideoStatus.QUEUED && !claimed.contains(id));
            if (video.isPresent()) {
                claimed.add(id);
                change(id, w -> new Work(w.attempt(), account, w.renderingSince(), w.nextCheckAt(), w.checks(), w.eventAt(), w.checkRequested(), w.retryAt()));
                result.add(video.get());
            }
        }
        return result;
    }

    @Override
    public synchronized void pause(RendererAccount account, Instant until) {
        pauses.merge(account, until, (before, after) -> after.isAfter(before) ? after : before);
    }

    @Override
    public synchronized Optional<Instant> pausedUntil(RendererAccount account, Instant now) {
        return Optional.ofNullable(pauses.get(account)).filter(until -> until.isAfter(now));
    }

    // ---- RenderChecks

    @Override
    public synchronized void startTracking(VideoId video, RendererAccount account, Instant since, Instant firstCheckAt) {
        work.put(video, new Work(attemptOf(video), account, since, firstCheckAt, 0, null, false, null));
        claimed.remove(video);
    }

    @Override
    public synchronized List<TrackedRender> claimDue(Instant now, int limit) {
        return claimRendering(w -> w.nextCheckAt() != null && !w.nextCheckAt().isAfter(now), limit);
    }

    @Override
    public synchronized List<TrackedRender> claimNextDue(RendererAccount account, int limit, Instant now) {
        return claimRendering(w -> account.equals(w.account()) && w.nextCheckAt() != null && w.nextCheckAt().isAfter(now), limit);
    }

    private List<TrackedRender> claimRendering(Predicate<Work> due, int limit) {
        List<AvatarVideo> chosen = videos.all().stream()
                .filter(v -> v.status() == VideoStatus.RENDERING && !claimed.contains(v.id()) && due.test(state(v.id())))
                .sorted(Comparator.comparing((AvatarVideo v) -> state(v.id()).nextCheckAt()).thenComparing(v -> v.id().value()))
                .limit(limit)
                .toList();
        chosen.forEach(v -> claimed.add(v.id()));
        return chosen.stream().map(this::tracked).toList();
    }

    @Override
    public synchronized void reschedule(VideoId video, Instant next, boolean checked) {
        change(video, w -> new Work(w.attempt(), w.account(), w.renderingSince(), next, w.checks() + (checked ? 1 : 0), w.eventAt(), w.checkRequested(), w.retryAt()));
        claimed.remove(video);
    }

    @Override
    public synchronized List<TrackedRender> withoutEvent(Instant renderingSinceBefore, int limit) {
        return withoutEvent(renderingSinceBefore).limit(limit).map(this::tracked).toList();
    }

    @Override
    public synchronized long countWithoutEvent(Instant renderingSinceBefore) {
        return withoutEvent(renderingSinceBefore).count();
    }

    private java.util.stream.Stream<AvatarVideo> withoutEvent(Instant renderingSinceBefore) {
        return videos.all().stream()
                .filter(v -> v.status() == VideoStatus.RENDERING)
                .filter(v -> state(v.id()).eventAt() == null && state(v.id()).renderingSince() != null
                        && !state(v.id()).renderingSince().isAfter(renderingSinceBefore))
                .sorted(Comparator.comparing((AvatarVideo v) -> state(v.id()).renderingSince()).thenComparing(v -> v.id().value()));
    }

    // ---- IngestQueue

    @Override
    public synchronized List<AvatarVideo> claimForIngest(Instant now, int limit) {
        List<AvatarVideo> due = videos.all().stream()
                .filter(v -> !claimed.contains(v.id()))
                .filter(v -> state(v.id()).retryAt() == null || !state(v.id()).retryAt().isAfter(now))
                .filter(v -> v.dueForIngestAt(now) || (v.status() == VideoStatus.RENDERING && state(v.id()).checkRequested()))
                .sorted(Comparator.comparing(AvatarVideo::updatedAt).thenComparing(v -> v.id().value()))
                .toList();
        Map<TenantId, Integer> turns = new java.util.HashMap<>();
        Map<AvatarVideo, Integer> turnOf = new java.util.IdentityHashMap<>();
        due.forEach(v -> turnOf.put(v, turns.merge(v.tenantId(), 1, Integer::sum)));
        List<AvatarVideo> chosen = due.stream().sorted(Comparator.comparing(turnOf::get)).limit(limit).toList();
        chosen.forEach(v -> claimed.add(v.id()));
        return chosen;
    }

    @Override
    public synchronized void finish(VideoId video) {
        change(video, w -> new Work(w.attempt(), w.account(), w.renderingSince(), w.nextCheckAt(), w.checks(), w.eventAt(), false, null));
        claimed.remove(video);
    }

    @Override
    public synchronized Optional<RendererAccount> accountOf(VideoId video) {
        return Optional.ofNullable(state(video).account());
    }

    @Override
    public synchronized void retryAt(VideoId video, Instant at) {
        change(video, w -> new Work(w.attempt(), w.account(), w.renderingSince(), w.nextCheckAt(), w.checks(), w.eventAt(), w.checkRequested(), at));
        claimed.remove(video);
    }

    /** Gives back any claim (the submission, check and ingest queues each end theirs the same way here). */
    @Override
    public synchronized void release(VideoId video) {
        claimed.remove(video);
    }

    private boolean announcedEnded(AvatarVideo video) {
        return events.keySet().stream().anyMatch(event -> event.renderId().equals(video.renderId()));
    }

    // ---- RenderEventInbox

    @Override
    public synchronized boolean add(RenderEvent event, Instant receivedAt) {
        Received before = events.get(event);
        if (before == null) {
            events.put(event, new Received(receivedAt, receivedAt, 1, false));
            return true;
        }
        events.put(event, new Received(before.firstAt(), receivedAt, before.deliveries() + 1, before.applied()));
        return false;
    }

    @Override
    public synchronized int apply(Instant now, Instant forgetUnmatchedBefore) {
        int applied = 0;
        for (Map.Entry<RenderEvent, Received> entry : events.entrySet()) {
            Received received = entry.getValue();
            if (received.applied()) {
                continue;
            }
            Optional<AvatarVideo> video = videos.all().stream()
                    .filter(v -> entry.getKey().renderId().equals(v.renderId())).findFirst();
            if (video.isEmpty()) {
                if (received.firstAt().isBefore(forgetUnmatchedBefore)) {
                    entry.setValue(new Received(received.firstAt(), received.lastAt(), received.deliveries(), true));
                }
                continue;
            }
            if (video.get().status() == VideoStatus.RENDERING) {
                change(video.get().id(), w -> new Work(w.attempt(), w.account(), w.renderingSince(), w.nextCheckAt(), w.checks(),
                        w.eventAt() == null ? received.firstAt() : w.eventAt(), true, w.retryAt()));
                applied++;
            }
            entry.setValue(new Received(received.firstAt(), received.lastAt(), received.deliveries(), true));
        }
        return applied;
    }

    @Override
    public synchronized Optional<Instant> lastReceivedAt() {
        return events.values().stream().map(Received::lastAt).max(Comparator.naturalOrder());
    }

    @Override
    public synchronized long deliveries() {
        return events.values().stream().mapToLong(Received::deliveries).sum();
    }

    // ---- VideoStatistics

    @Override
    public Map<VideoStatus, Long> inFlightByStatus() {
        return videos.all().stream().filter(v -> VideoStatus.IN_FLIGHT.contains(v.status()))
                .collect(Collectors.groupingBy(AvatarVideo::status, () -> new java.util.EnumMap<>(VideoStatus.class), Collectors.counting()));
    }

    @Override
    public Map<VideoStatus, Long> byStatus() {
        return videos.all().stream()
                .collect(Collectors.groupingBy(AvatarVideo::status, () -> new java.util.EnumMap<>(VideoStatus.class), Collectors.counting()));
    }

    @Override
    public Map<TenantId, Long> queuedPerTenant() {
        return videos.all().stream().filter(v -> v.status() == VideoStatus.QUEUED)
                .collect(Collectors.groupingBy(AvatarVideo::tenantId, () -> new TreeMap<>(Comparator.comparing(TenantId::value)), Collectors.counting()));
    }

    // ---- for tests

    /** Whether some worker holds a claim on the video now. */
    public synchronized boolean isClaimed(VideoId video) {
        return claimed.contains(video);
    }

    /** When tracking looks at the video next, if it is tracked. */
    public synchronized Optional<Instant> nextCheckAt(VideoId video) {
        return Optional.ofNullable(state(video).nextCheckAt());
    }

    @Override
    public synchronized Runnable snapshot() {
        Map<VideoId, Work> workCopy = new HashMap<>(work);
        Set<VideoId> claimedCopy = new HashSet<>(claimed);
        Map<RenderEvent, Received> eventsCopy = new LinkedHashMap<>(events);
        return () -> {
            synchronized (this) {
                work.clear();
                work.putAll(workCopy);
                claimed.clear();
                claimed.addAll(claimedCopy);
                events.clear();
                events.putAll(eventsCopy);
            }
        };
    }

    private TrackedRender tracked(AvatarVideo video) {
        Work w = state(video.id());
        return new TrackedRender(video, Optional.ofNullable(w.account()), w.renderingSince(), w.checks(), Optional.ofNullable(w.eventAt()));
    }

    private Work state(VideoId video) {
        Work state = work.get(video);
        int attempt = attemptOf(video);
        return state == null || state.attempt() != attempt ? Work.none(attempt) : state;
    }

    private int attemptOf(VideoId video) {
        return videos.findById(video).map(AvatarVideo::renderAttempt).orElse(1);
    }

    private void change(VideoId video, java.util.function.UnaryOperator<Work> change) {
        work.put(video, change.apply(state(video)));
    }
}
