package dev.avatarvideo.bootstrap;

import dev.avatarvideo.testsupport.CuttingProxy;
import java.io.IOException;
import java.net.URI;

/** The service's live status streams (the firehose and each video's own), for tests that cut them as a network would. */
final class LiveStatusStreams {

    private LiveStatusStreams() {
    }

    /** A proxy in front of {@code service} that can cut and refuse its live status streams, and passes everything else. */
    static CuttingProxy cuttableProxyTo(URI service) throws IOException {
        return CuttingProxy.cuttingStreams(service, path -> path.startsWith("/api/events") || path.matches("/api/videos/[^/?]+/events.*"));
    }
}
