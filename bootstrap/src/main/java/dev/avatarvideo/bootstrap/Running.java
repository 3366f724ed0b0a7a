package dev.avatarvideo.bootstrap;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a start has set running, stopped in reverse order: the last one started is the first one stopped. */
final class Running implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Running.class);

    private final Deque<AutoCloseable> components = new ArrayDeque<>();

    <T extends AutoCloseable> T started(T component) {
        components.push(component);
        return component;
    }

    boolean isEmpty() {
        return components.isEmpty();
    }

    /** Stops each one even when another fails to stop: a failure is logged, never thrown. */
    @Override
    public void close() {
        while (!components.isEmpty()) {
            AutoCloseable component = components.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
