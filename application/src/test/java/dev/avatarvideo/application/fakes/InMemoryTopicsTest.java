package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.TopicsContract;

class InMemoryTopicsTest extends TopicsContract {

    @Override
    protected Repositories newRepositories() {
        return new Repositories(new InMemoryTopics(), new InMemoryVideos());
    }
}
