package dev.avatarvideo.application.port.in.rendering;

/**
 * Copy rendered videos from the renderer into the customer's storage and mark them READY with the file's metadata,
 * leaving no stored object behind when that cannot be saved.
 */
public interface IngestRenderedVideo {

    /** Ingests the videos waiting for it now; answers how many changed status. */
    int ingestPending();
}
