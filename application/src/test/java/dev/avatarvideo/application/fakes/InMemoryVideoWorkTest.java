package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.VideoWorkContract;

class InMemoryVideoWorkTest extends VideoWorkContract {

    @Override
    protected Work newWork() {
        InMemoryVideos videos = new InMemoryVideos();
        InMemoryVideoWork work = new InMemoryVideoWork(videos);
        return new Work(videos, work, work, work, work, work, work);
    }
}
