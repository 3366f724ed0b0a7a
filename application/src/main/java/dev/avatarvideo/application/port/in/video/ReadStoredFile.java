package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.StoredObject;

/**
 * Stream a stored file's bytes to whoever holds a valid signed address for it (storage providers that we serve
 * ourselves).
 */
public interface ReadStoredFile {

    Outcome read(ReadStoredFileQuery query);

    /** What a reader gets. */
    sealed interface Outcome {
    }

    /** The bytes, to be presented under this name and type. Whoever receives it closes the object. */
    record Found(StoredObject object, String downloadName, String contentType) implements Outcome {
    }

    /** The address was valid but nothing is stored there (any more). */
    record NotFound() implements Outcome {
    }

    /** The address was genuine once but its time is up. */
    record Expired() implements Outcome {
    }

    /** The address was not issued by us in this form: altered, moved to another file, or made up. */
    record BadSignature() implements Outcome {
    }

    /** The requested range lies outside the file, which has {@code size} bytes. */
    record RangeNotSatisfiable(long size) implements Outcome {
    }
}
