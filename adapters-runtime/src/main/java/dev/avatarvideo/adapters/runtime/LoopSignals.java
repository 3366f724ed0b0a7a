package dev.avatarvideo.adapters.runtime;

import dev.avatarvideo.application.port.out.runtime.WorkSignals;

/** The core's work signals as wake-ups of the {@link BackgroundWork} loops that do that work. */
public final class LoopSignals implements WorkSignals {

    /** The loop that sends queued videos to the renderer. */
    public static final String SUBMIT = "submit";
    /** The loop that acts on the render events received. */
    public static final String EVENTS = "events";
    /** The loop that delivers the notifications due. */
    public static final String NOTIFY = "notify";

    private final BackgroundWork work;

    public LoopSignals(BackgroundWork work) {
        this.work = work;
    }

    @Override
    public void videoQueued() {
        work.wake(SUBMIT);
    }

    @Override
    public void renderEventAccepted() {
        work.wake(EVENTS);
        // An ended render no longer counts against its key's budget (SubmissionQueue#inFlight): its slot is free now.
        work.wake(SUBMIT);
    }
}
