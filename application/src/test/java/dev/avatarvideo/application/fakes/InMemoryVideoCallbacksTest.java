package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.VideoCallbacksContract;

class InMemoryVideoCallbacksTest extends VideoCallbacksContract {

    @Override
    protected Store newStore() {
        return new Store(new InMemoryVideos(), new InMemoryVideoCallbacks());
    }
}
