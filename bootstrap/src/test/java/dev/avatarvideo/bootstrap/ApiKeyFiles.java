package dev.avatarvideo.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The key a first start wrote to its data directory, as a person following the README reads it. */
final class ApiKeyFiles {

    static final String FILE = "default-api-key";

    private ApiKeyFiles() {
    }

    /** The key in the first of the directories that has one (several instances share a database; one of them made it). */
    static String defaultKey(Path... dataDirs) {
        for (Path dir : dataDirs) {
            Path file = dir.resolve(FILE);
            if (Files.exists(file)) {
                try {
                    return Files.readString(file, StandardCharsets.US_ASCII).strip();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("no " + FILE + " in any of " + java.util.Arrays.toString(dataDirs));
    }

    static String bearer(Path... dataDirs) {
        return "Bearer " + defaultKey(dataDirs);
    }
}
