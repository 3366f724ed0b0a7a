package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.InvalidInputException;
import java.util.Objects;

/** A signed address presented for reading: the access it claims, its signature and which bytes are wanted. */
public record ReadStoredFileQuery(FileAccess access, String signature, ByteRange range) {

    public ReadStoredFileQuery {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(range, "range");
        if (signature == null || signature.isBlank()) {
            throw new InvalidInputException("signature", "signature is required: file addresses are signed; ask the API for a fresh one");
        }
    }
}
