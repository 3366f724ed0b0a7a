package dev.avatarvideo.application.port.out.notification;

import java.net.InetAddress;
import java.util.List;

/** Where a host name points now: the addresses a connection to it would go to. */
public interface HostLookup {

    /**
     * The host's addresses; an IP literal is its own address. Empty when the name does not resolve, or not soon enough
     * to keep a caller waiting.
     */
    List<InetAddress> addressesOf(String host);
}
