package dev.avatarvideo.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which addresses notifications may be sent to: every public address, and the internal ones (see
 * {@link InternalAddresses}) only of hosts the operator named, by name or by address. A platform running beside the
 * service in one private network is named this way; anything else a caller registers cannot reach inside.
 */
public final class ReceiverAddressPolicy {

    private static final Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*");
    /** What an IPv6 literal may hold; checked first, because the JDK looks up some text with a colon as a host name. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f]*:[0-9a-f:.]*");
    private static final Pattern IPV4_LITERAL = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final Set<String> hostNames;
    private final Set<InetAddress> addresses;

    private ReceiverAddressPolicy(Set<String> hostNames, Set<InetAddress> addresses) {
        // In the order configured, so the start summary shows them as written.
        this.hostNames = Collections.unmodifiableSet(new LinkedHashSet<>(hostNames));
        this.addresses = Collections.unmodifiableSet(new LinkedHashSet<>(addresses));
    }

    /** Public addresses only. */
    public static ReceiverAddressPolicy publicOnly() {
        return new ReceiverAddressPolicy(Set.of(), Set.of());
    }

    /**
     * Public addresses, and whatever the hosts in {@code commaSeparated} stand for: host names ({@code hooks.internal})
     * and IP literals ({@code 10.0.4.7}, {@code ::1} or {@code [::1]}). Blank allows nothing more.
     *
     * @throws IllegalArgumentException for an entry that is neither a host name nor an IP address
     */
    public static ReceiverAddressPolicy allowing(String commaSeparated) {
        Set<String> names = new LinkedHashSet<>();
        Set<InetAddress> literals = new LinkedHashSet<>();
        for (String entry : commaSeparated.split(",")) {
            String host = normalized(entry);
            if (host.isEmpty()) {
                continue;
            }
            if (IPV6_LITERAL.matcher(host).matches() || IPV4_LITERAL.matcher(host).matches()) {
                literals.add(literal(host));
            } else if (HOST_NAME.matcher(host).matches()) {
                names.add(host);
            } else {
                throw new IllegalArgumentException("'" + entry.strip() + "' is neither a host name nor an IP address");
            }
        }
        return new ReceiverAddressPolicy(names, literals);
    }

    /** Whether a notification for {@code host} may be sent to {@code address}, one of the addresses it resolved to. */
    public boolean permits(String host, InetAddress address) {
        return InternalAddresses.kindOf(address).isEmpty() || addresses.contains(address) || hostNames.contains(normalized(host));
    }

    /** The hosts allowed beyond the public addresses, as configured; empty for {@link #publicOnly()}. */
    public List<String> allowedHosts() {
        List<String> allowed = new ArrayList<>(hostNames);
        addresses.forEach(address -> allowed.add(address.getHostAddress()));
        return allowed;
    }

    /** Host names compare without case, brackets or a trailing dot: {@code Hooks.Internal.} is {@code hooks.internal}. */
    private static String normalized(String host) {
        String text = host.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** Only called with text shaped like an IPv6 or a dotted IPv4 address: parsed as such, never looked up. */
    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IP address");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceiverAddressPolicy policy && policy.hostNames.equals(hostNames) && policy.addresses.equals(addresses);
    }

    @Override
    public int hashCode() {
        return hostNames.hashCode() * 31 + addresses.hashCode();
    }

    @Override
    public String toString() {
        return allowedHosts().isEmpty() ? "public addresses only" : "public addresses and " + String.join(", ", allowedHosts());
    }
}
