package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.notification.HostLookup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A DNS of the test's own: names point where the test says (and may be pointed elsewhere later, as a rebinding attacker
 * would), {@code localhost} is loopback as in every hosts file, IP literals stand for themselves, anything else does
 * not resolve. Never asks a real resolver.
 */
public final class ScriptedHostLookup implements HostLookup {

    private static final Pattern LITERAL = Pattern.compile("\\[?[0-9a-fA-F:.]+]?");

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();

    public ScriptedHostLookup() {
        point("localhost", "127.0.0.1", "::1");
    }

    /** From now on {@code host} resolves to {@code addresses}. */
    public ScriptedHostLookup point(String host, String... addresses) {
        names.put(host, java.util.Arrays.stream(addresses).map(ScriptedHostLookup::literal).toList());
        return this;
    }

    @Override
    public List<InetAddress> addressesOf(String host) {
        if (names.containsKey(host)) {
            return names.get(host);
        }
        return LITERAL.matcher(host).matches() && (host.contains(":") || host.chars().filter(c -> c == '.').count() == 3)
                ? List.of(literal(host)) : List.of();
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + text, e);
        }
    }
}
