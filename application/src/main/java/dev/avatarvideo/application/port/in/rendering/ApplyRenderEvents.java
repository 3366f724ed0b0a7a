package dev.avatarvideo.application.port.in.rendering;

/** Make every rendering video a received renderer event names due for a fresh status check. Background work. */
public interface ApplyRenderEvents {

    /** Answers how many videos were made due. */
    int applyReceived();
}
