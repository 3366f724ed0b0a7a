package dev.avatarvideo.domain;

import java.net.URI;
import java.time.Instant;
import java.util.List;

final class DomainFixtures {

    static final TenantId TENANT = TenantId.of("acme");
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private DomainFixtures() {
    }

    static Scene scene() {
        return new Scene("sim-avatar-anna", "sim-voice-en-1", "Welcome to lesson one.");
    }

    static AvatarVideo queued() {
        return AvatarVideo.request(VideoId.newId(), TENANT, "Lesson 1", List.of(scene()), Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, T0);
    }

    static StoredFile storedFile(TenantId tenant) {
        StorageKey key = StorageKey.newFor(tenant, "lesson.mp4");
        return new StoredFile(URI.create("http://localhost/files/" + key), "lesson-1.mp4", 1234, "video/mp4", key,
                T0.plusSeconds(60), "sha256:" + "ab".repeat(32), "filesystem");
    }
}
