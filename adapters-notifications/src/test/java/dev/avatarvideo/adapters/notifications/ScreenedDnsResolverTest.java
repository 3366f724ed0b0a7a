package dev.avatarvideo.adapters.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.fakes.ScriptedHostLookup;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ScreenedDnsResolverTest {

    private final ScriptedHostLookup dns = new ScriptedHostLookup();
    private final ScreenedDnsResolver resolver = new ScreenedDnsResolver(dns, ReceiverAddressPolicy.publicOnly());

    @Test
    void answersOnlyTheHostsPublicAddressesSoNoOtherCanBeConnectedTo() throws UnknownHostException {
        dns.point("mixed.platform.example", "10.0.0.5", "203.0.113.7", "169.254.169.254", "2001:db8::7", "fd00::1");

        assertThat(resolver.resolve("mixed.platform.example"))
                .containsExactly(InetAddress.getByName("203.0.113.7"), InetAddress.getByName("2001:db8::7"));
        assertThat(resolver.resolve("mixed.platform.example", 8443))
                .containsExactly(new InetSocketAddress("203.0.113.7", 8443), new InetSocketAddress("2001:db8::7", 8443));
    }

    @Test
    void aHostWithOnlyInternalAddressesIsRefusedAndOneWithoutAddressesIsUnknown() {
        dns.point("inside.attacker.example", "127.0.0.1", "::1");

        assertThatThrownBy(() -> resolver.resolve("inside.attacker.example")).isInstanceOf(ScreenedDnsResolver.InternalAddressException.class);
        assertThatThrownBy(() -> resolver.resolve("169.254.169.254")).isInstanceOf(ScreenedDnsResolver.InternalAddressException.class);
        assertThatThrownBy(() -> resolver.resolve("[::1]")).isInstanceOf(ScreenedDnsResolver.InternalAddressException.class);
        assertThatThrownBy(() -> resolver.resolve("nowhere.platform.example"))
                .isInstanceOf(UnknownHostException.class).isNotInstanceOf(ScreenedDnsResolver.InternalAddressException.class);
    }

    @Test
    void looksTheHostUpAgainForEveryConnection() throws UnknownHostException {
        dns.point("rebinding.attacker.example", "203.0.113.9");
        assertThat(resolver.resolve("rebinding.attacker.example")).containsExactly(InetAddress.getByName("203.0.113.9"));

        dns.point("rebinding.attacker.example", "127.0.0.1");

        assertThatThrownBy(() -> resolver.resolve("rebinding.attacker.example")).isInstanceOf(ScreenedDnsResolver.InternalAddressException.class);
    }
}
