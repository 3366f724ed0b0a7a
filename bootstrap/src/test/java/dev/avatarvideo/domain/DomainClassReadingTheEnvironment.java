package dev.avatarvideo.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A deliberate violation, for proving the architecture rules can fail: a domain class reaching outside the process (a
 * file, an environment variable), which no framework ban would notice.
 */
public final class DomainClassReadingTheEnvironment {

    public String greeting(Path file) throws IOException {
        return Files.readString(file) + System.getenv("USER");
    }
}
