package dev.avatarvideo.domain;

/** A status change the video's lifecycle does not allow, such as READY back to RENDERING. */
public final class IllegalTransitionException extends RuntimeException {

    private final VideoStatus from;
    private final VideoStatus to;

    public IllegalTransitionException(VideoId video, VideoStatus from, VideoStatus to) {
        super("video " + video + " cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public VideoStatus from() {
        return from;
    }

    public VideoStatus to() {
        return to;
    }
}
