package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.ReadStoredFile;
import dev.avatarvideo.application.port.in.video.ReadStoredFileQuery;

/**
 * For providers whose addresses point at the bucket itself (S3 and its kin): the service serves no file of its own, so
 * every address under its {@code /files} is one it never issued.
 */
public final class FilesServedElsewhere implements ReadStoredFile {

    @Override
    public Outcome read(ReadStoredFileQuery query) {
        return new NotFound();
    }
}
