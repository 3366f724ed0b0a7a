package dev.avatarvideo.client;

import java.net.URI;
import java.time.Instant;

/** A finished video in storage, with the metadata the service keeps about it. */
public record VideoFile(URI fileUrl, String fileName, long fileSize, String fileType, String storagePath, Instant uploadedAt,
                        String checksum, String provider) {
}
