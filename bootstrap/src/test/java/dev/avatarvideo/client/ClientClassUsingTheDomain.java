package dev.avatarvideo.client;

import dev.avatarvideo.domain.VideoId;

/** A deliberate violation, for proving the architecture rules can fail: a client class using the service's domain. */
public final class ClientClassUsingTheDomain {

    public String id(VideoId id) {
        return id.toString();
    }
}
