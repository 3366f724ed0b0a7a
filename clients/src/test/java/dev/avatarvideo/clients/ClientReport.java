package dev.avatarvideo.clients;

import java.util.regex.Pattern;

/** The line each client example prints once its video is READY and the downloaded file matched: id, size, checksum. */
final class ClientReport {

    static final Pattern READY = Pattern.compile("READY ([0-9a-f-]{36}) (\\d+) (sha256:[0-9a-f]{64})");

    private ClientReport() {
    }
}
