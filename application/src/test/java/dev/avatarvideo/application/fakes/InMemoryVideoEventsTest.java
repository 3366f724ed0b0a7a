package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.VideoEventLogContract;

class InMemoryVideoEventsTest extends VideoEventLogContract {

    @Override
    protected Log newLog() {
        InMemoryVideos videos = new InMemoryVideos();
        return new Log(videos, videos.events(), new RollbackTransactions(videos));
    }
}
