package dev.avatarvideo.adapters.notifications;

import dev.avatarvideo.application.port.out.notification.HostLookup;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The only resolver the notification client has: it answers a host's addresses without those notifications may not go
 * to, so the address a connection is made to is always one that passed the check, looked up for this very connection.
 * A name that pointed outside when it was registered and inside now (DNS rebinding) finds no address to connect to.
 * HttpClient asks it for IP literals too, so {@code http://127.0.0.1/} is screened the same way.
 */
final class ScreenedDnsResolver implements DnsResolver {

    private final HostLookup lookup;
    private final ReceiverAddressPolicy policy;

    ScreenedDnsResolver(HostLookup lookup, ReceiverAddressPolicy policy) {
        this.lookup = lookup;
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        List<InetAddress> addresses = lookup.addressesOf(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException("the receiver's host does not resolve");
        }
        List<InetAddress> permitted = addresses.stream().filter(address -> policy.permits(host, address)).toList();
        if (permitted.isEmpty()) {
            throw new InternalAddressException();
        }
        return permitted.toArray(InetAddress[]::new);
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return java.util.Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** Every address of the host is internal: nothing was connected to. Says nothing of the host or its addresses. */
    static final class InternalAddressException extends UnknownHostException {

        InternalAddressException() {
            super("the receiver's host leads only to internal addresses (loopback, private, link-local or similar);"
                    + " nothing was sent. Allow the host with NOTIFICATION_ALLOWED_HOSTS if it is meant to be reached");
        }
    }
}
