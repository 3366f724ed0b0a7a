package dev.avatarvideo.application.service;

import dev.avatarvideo.application.fakes.InMemoryFileStorage;
import dev.avatarvideo.application.fakes.InMemoryVideos;
import dev.avatarvideo.application.fakes.PassThroughTransactions;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.in.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.in.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.util.List;

/** The services wired to in-memory fakes, the way bootstrap wires them to real adapters. */
final class ServiceTestKit {

    static final TenantId TENANT = TenantId.of("acme");

    final TestClock clock = new TestClock();
    final InMemoryVideos videos = new InMemoryVideos();
    final InMemoryFileStorage storage = new InMemoryFileStorage(clock);
    final ScriptedVideoRenderer renderer;
    final GenerateAvatarVideoService generate;
    final RenderSubmitter submitter;
    final RenderTracker tracker;
    final VideoIngester ingester;
    final AvatarVideoQueries queries;

    ServiceTestKit() {
        this(new ScriptedVideoRenderer());
    }

    ServiceTestKit(ScriptedVideoRenderer renderer) {
        this.renderer = renderer;
        generate = new GenerateAvatarVideoService(videos, clock);
        submitter = new RenderSubmitter(videos, renderer, clock, 50);
        tracker = new RenderTracker(videos, renderer, clock, TrackingPolicy.DEFAULT, 1000);
        ingester = new VideoIngester(videos, renderer, storage, new PassThroughTransactions(), clock, 3, 10);
        queries = new AvatarVideoQueries(videos, storage);
    }

    AvatarVideo request(String title) {
        return generate.generate(GenerateAvatarVideoCommand.fromFields(TENANT, title, "720p", "16:9",
                List.of(new SceneFields("sim-avatar-anna", "sim-voice-en-1", "Hello from " + title))));
    }

    AvatarVideo reload(VideoId id) {
        return videos.findById(id).orElseThrow();
    }
}
