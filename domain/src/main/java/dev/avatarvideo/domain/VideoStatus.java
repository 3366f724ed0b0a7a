package dev.avatarvideo.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an avatar video is in its life: queued with us, rendering at the renderer, being copied into our storage,
 * ready to play, or failed for a stated reason.
 */
public enum VideoStatus {
    QUEUED,
    RENDERING,
    INGESTING,
    READY,
    FAILED;

    public static final Set<VideoStatus> IN_FLIGHT = EnumSet.of(QUEUED, RENDERING, INGESTING);

    public boolean isTerminal() {
        return this == READY || this == FAILED;
    }

    public boolean canMoveTo(VideoStatus next) {
        return switch (this) {
            case QUEUED -> next == RENDERING || next == FAILED;
            case RENDERING -> next == INGESTING || next == FAILED;
            case INGESTING -> next == READY || next == FAILED;
            case READY, FAILED -> false;
        };
    }
}
