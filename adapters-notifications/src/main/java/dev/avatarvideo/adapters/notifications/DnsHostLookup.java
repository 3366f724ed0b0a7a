package dev.avatarvideo.adapters.notifications;

import dev.avatarvideo.application.port.out.notification.HostLookup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The system's resolver, as the JDK asks it, with a bound on the wait: the JDK has no timeout of its own for a lookup,
 * and a request being answered must not hang on a slow DNS server. A lookup that takes longer counts as no answer; it
 * finishes in the background.
 */
public final class DnsHostLookup implements HostLookup, AutoCloseable {

    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(2);

    private final Duration patience;
    private final ExecutorService lookups = Executors.newCachedThreadPool(Thread.ofPlatform().name("dns-lookup-", 0).daemon().factory());

    public DnsHostLookup(Duration patience) {
        this.patience = patience;
    }

    @Override
    public List<InetAddress> addressesOf(String host) {
        // An IPv6 host comes from a URL in brackets; the JDK reads it either way.
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        CompletableFuture<List<InetAddress>> lookup = CompletableFuture.supplyAsync(() -> resolve(name), lookups);
        try {
            return lookup.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static List<InetAddress> resolve(String name) {
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
