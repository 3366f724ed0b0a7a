package dev.avatarvideo.application.port.in.rendering;

/** Ask the renderer how rendering videos are doing, and move finished ones on to ingest (or to failure). */
public interface TrackRenders {

    /** One tracking round; answers how many videos changed status. */
    int trackOnce();
}
