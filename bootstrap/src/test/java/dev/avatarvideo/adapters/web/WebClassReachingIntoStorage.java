package dev.avatarvideo.adapters.web;

import dev.avatarvideo.adapters.storage.FileSystemFileStorage;

/** A deliberate violation, for proving the architecture rules can fail: a web class using a storage adapter. */
public final class WebClassReachingIntoStorage {

    public String provider(FileSystemFileStorage storage) {
        return storage.providerName();
    }
}
