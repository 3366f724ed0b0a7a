package dev.avatarvideo.application.port.in.operations;

/**
 * Delete stored objects that no record owns once their grace period is over: uploads abandoned by a crash or a lost
 * connection, and purges a crash interrupted. Driven by a background loop; safe to run on several instances at once.
 */
public interface SweepUnclaimedObjects {

    /** One sweep; answers how many objects were deleted. */
    int sweepOnce();
}
