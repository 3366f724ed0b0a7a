package dev.avatarvideo.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How busy a HeyGen key's render slots were while work waited, from three sets of intervals on one wall clock: when each
 * render held a slot (the simulator's), when each video waited to be submitted (the service's QUEUED to RENDERING), and
 * when a finished render was still counted as rendering by the service (HeyGen done, the service not yet copying).
 *
 * <p>At every instant at which at least one video waits, {@code min(slots, busy + waiting)} slots could be busy: all of
 * them when enough work waits, fewer when only a few videos are left. Utilisation is the busy slot-time over that usable
 * slot-time, integrated over every such instant; the idle rest is split into slot-time the service still counted as
 * taken by finished renders and every other cause (submission not yet made, a pause after a 429, the submitter's round).
 */
final class SlotTimeline {

    /** A half-open interval {@code [from, to)}; empty when {@code to} is not after {@code from}. */
    record Span(Instant from, Instant to) {

        boolean empty() {
            return from == null || to == null || !to.isAfter(from);
        }
    }

    /**
     * @param utilisation busy slot-time over usable slot-time while work waited (0 to 1); NaN when work never waited
     * @param waitedSeconds how long at least one video waited to be submitted
     * @param heldIdleSlotSeconds idle usable slot-time the service still counted as taken by renders HeyGen had finished
     * @param otherIdleSlotSeconds the rest of the idle usable slot-time
     * @param peakBusy the most renders in progress at once on the key
     */
    record Result(double utilisation, double waitedSeconds, double heldIdleSlotSeconds, double otherIdleSlotSeconds, int peakBusy) {
    }

    private record Change(Instant at, int busy, int waiting, int held) {
    }

    private SlotTimeline() {
    }

    static Result of(int slots, List<Span> busy, List<Span> waiting, List<Span> held) {
        List<Change> changes = new ArrayList<>();
        busy.stream().filter(s -> !s.empty()).forEach(s -> changes.addAll(List.of(new Change(s.from(), 1, 0, 0), new Change(s.to(), -1, 0, 0))));
        waiting.stream().filter(s -> !s.empty()).forEach(s -> changes.addAll(List.of(new Change(s.from(), 0, 1, 0), new Change(s.to(), 0, -1, 0))));
        held.stream().filter(s -> !s.empty()).forEach(s -> changes.addAll(List.of(new Change(s.from(), 0, 0, 1), new Change(s.to(), 0, 0, -1))));
        // Ends before starts at one instant: a slot handed straight on is not two renders at once.
        changes.sort(Comparator.comparing(Change::at).thenComparingInt(c -> c.busy() + c.waiting() + c.held()));
        int nowBusy = 0;
        int nowWaiting = 0;
        int nowHeld = 0;
        int peak = 0;
        double busySlotSeconds = 0;
        double usableSlotSeconds = 0;
        double waitedSeconds = 0;
        double heldIdle = 0;
        double otherIdle = 0;
        Instant previous = null;
        for (Change change : changes) {
            if (previous != null && nowWaiting > 0) {
                double seconds = Duration.between(previous, change.at()).toNanos() / 1e9;
                int usable = Math.max(nowBusy, Math.min(slots, nowBusy + nowWaiting));
                int idle = usable - nowBusy;
                int idleHeld = Math.min(idle, nowHeld);
                waitedSeconds += seconds;
                busySlotSeconds += nowBusy * seconds;
                usableSlotSeconds += usable * seconds;
                heldIdle += idleHeld * seconds;
                otherIdle += (idle - idleHeld) * seconds;
            }
            nowBusy += change.busy();
            nowWaiting += change.waiting();
            nowHeld += change.held();
            peak = Math.max(peak, nowBusy);
            previous = change.at();
        }
        return new Result(usableSlotSeconds == 0 ? Double.NaN : busySlotSeconds / usableSlotSeconds, waitedSeconds, heldIdle, otherIdle, peak);
    }

    /** The most spans open at one instant. */
    static int peakOverlap(List<Span> spans) {
        return of(Integer.MAX_VALUE, spans, List.of(), List.of()).peakBusy();
    }
}
