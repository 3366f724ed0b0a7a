package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.out.notification.HostLookup;
import dev.avatarvideo.domain.InternalAddresses;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Refuses, when it is saved, an address the platform wants to be notified at that leads only into the service's own
 * network (cloud metadata, loopback, private ranges): otherwise any caller could make the service send requests there.
 * This is the early, friendly check; every delivery checks again the address it actually connects to, since a name
 * can point elsewhere by then.
 */
public final class ReceiverScreening {

    private final HostLookup lookup;
    private final ReceiverAddressPolicy policy;

    public ReceiverScreening(HostLookup lookup, ReceiverAddressPolicy policy) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * A name that does not resolve now is accepted (its DNS may not be set up yet); it is judged at each delivery.
     *
     * @throws InvalidInputException naming {@code field} when every address of the URL's host is internal
     */
    public void requireOutsideAddress(String field, NotificationUrl url) {
        String host = url.value().getHost();
        List<InetAddress> addresses = lookup.addressesOf(host);
        if (addresses.isEmpty() || addresses.stream().anyMatch(address -> policy.permits(host, address))) {
            return;
        }
        InetAddress only = addresses.getFirst();
        if (addresses.size() == 1 && isLiteral(host, only)) {
            throw new InvalidInputException(field, field + " must be reachable over the internet, but " + host + " is a "
                    + InternalAddresses.kindOf(only).orElseThrow() + " address; notifications are only sent to public addresses"
                    + " unless the service's operator allows the host");
        }
        // Which internal addresses a name has is not told: that would map the service's network for the caller.
        throw new InvalidInputException(field, field + " must be reachable over the internet, but its host resolves only to"
                + " internal addresses (loopback, private, link-local or similar); notifications are only sent to public addresses"
                + " unless the service's operator allows the host");
    }

    /** The host as the caller wrote it is the address itself ({@code 127.0.0.1}, {@code [::1]}), not a name. */
    private static boolean isLiteral(String host, InetAddress address) {
        return host.contains(":") || host.equals(address.getHostAddress());
    }
}
