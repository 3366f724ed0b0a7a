package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.VideoWaitsContract;
import dev.avatarvideo.application.port.out.video.VideoWaits;
import dev.avatarvideo.application.port.out.video.Videos;

class InMemoryVideoWaitsTest extends VideoWaitsContract {

    @Override
    protected Videos newVideos() {
        return new InMemoryVideos();
    }

    @Override
    protected VideoWaits waitsOf(Videos videos) {
        return new InMemoryVideoWaits((InMemoryVideos) videos);
    }
}
