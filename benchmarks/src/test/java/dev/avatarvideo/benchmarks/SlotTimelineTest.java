package dev.avatarvideo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slot utilisation from hand-made timelines whose answers can be worked out on paper. */
class SlotTimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private static SlotTimeline.Span span(int fromSecond, int toSecond) {
        return new SlotTimeline.Span(T0.plusSeconds(fromSecond), T0.plusSeconds(toSecond));
    }

    @Test
    void aSlotIdleWhileAVideoWaitedCountsAgainstUtilisationAndIsBlamedOnTheFinishedRenderWhileTheServiceHeldIt() {
        // Two slots. A (0-10 s) and B (0-4 s) start at once; C waits until 6 s, then renders. HeyGen finished B at 4 s,
        // but the service counted it as rendering until 5 s.
        SlotTimeline.Result result = SlotTimeline.of(2, List.of(span(0, 10), span(0, 4), span(6, 10)), List.of(span(0, 6)),
                List.of(span(4, 5)));

        // While C waited (0-6 s): 2 busy for 4 s, 1 busy for 2 s, out of 2 usable: 10 of 12 slot-seconds.
        assertThat(result.utilisation()).isCloseTo(10.0 / 12.0, within(1e-9));
        assertThat(result.waitedSeconds()).isCloseTo(6, within(1e-9));
        assertThat(result.heldIdleSlotSeconds()).isCloseTo(1, within(1e-9));
        assertThat(result.otherIdleSlotSeconds()).isCloseTo(1, within(1e-9));
        assertThat(result.peakBusy()).isEqualTo(2);
    }

    @Test
    void withFewVideosWaitingOnlyTheSlotsTheyCouldFillCount() {
        SlotTimeline.Result result = SlotTimeline.of(10, List.of(span(0, 10)), List.of(span(0, 5)), List.of());

        assertThat(result.utilisation()).as("1 busy of min(10, 1 busy + 1 waiting)").isCloseTo(0.5, within(1e-9));
        assertThat(result.otherIdleSlotSeconds()).isCloseTo(5, within(1e-9));
        assertThat(result.heldIdleSlotSeconds()).isZero();
    }

    @Test
    void whenNothingEverWaitedThereIsNoUtilisationToSpeakOf() {
        SlotTimeline.Result result = SlotTimeline.of(10, List.of(span(0, 10)), List.of(new SlotTimeline.Span(T0, T0)), List.of());

        assertThat(result.utilisation()).isNaN();
        assertThat(result.waitedSeconds()).isZero();
        assertThat(result.peakBusy()).isEqualTo(1);
    }

    @Test
    void aSlotHandedStraightOnIsNotTwoAtOnce() {
        assertThat(SlotTimeline.peakOverlap(List.of(span(0, 2), span(2, 4)))).isEqualTo(1);
        assertThat(SlotTimeline.peakOverlap(List.of(span(0, 3), span(1, 2), span(2, 5)))).isEqualTo(2);
    }
}
