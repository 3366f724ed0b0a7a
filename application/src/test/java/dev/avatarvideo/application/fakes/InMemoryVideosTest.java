package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.VideosContract;
import dev.avatarvideo.application.port.out.video.Videos;

class InMemoryVideosTest extends VideosContract {

    @Override
    protected Videos newVideos() {
        return new InMemoryVideos();
    }
}
