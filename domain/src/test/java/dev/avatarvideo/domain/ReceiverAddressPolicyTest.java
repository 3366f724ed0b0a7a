package dev.avatarvideo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReceiverAddressPolicyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, loopback", "127.255.255.254, loopback", "::1, loopback",
            "169.254.169.254, link-local", "fe80::1, link-local",
            "10.0.0.1, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
            "fc00::1, unique-local", "fd00:ec2::254, unique-local",
            "0.0.0.0, unspecified", "0.1.2.3, unspecified", "::, unspecified",
            "224.0.0.1, multicast", "239.255.255.250, multicast", "ff02::1, multicast",
            "255.255.255.255, broadcast", "240.0.0.1, reserved",
            "100.100.100.200, shared (carrier-grade NAT)", "192.0.0.192, reserved", "198.18.0.1, reserved",
            "fec0::1, site-local", "64:ff9b:1::a00:1, local NAT64", "2001:0:4136:e378::1, Teredo tunnel", "100::1, reserved",
            // IPv6 forms that lead to an internal IPv4 address.
            "::ffff:7f00:1, loopback", "::ffff:a9fe:a9fe, link-local", "::7f00:1, loopback", "::a00:1, private",
            "64:ff9b::a9fe:a9fe, link-local", "2002:c0a8:101::1, private", "2002:7f00:1::, loopback", "::2, unspecified"})
    void internalAddressesAreNamedByKind(String address, String kind) throws UnknownHostException {
        assertThat(InternalAddresses.kindOf(InetAddress.getByName(address))).contains(kind);
        assertThat(ReceiverAddressPolicy.publicOnly().permits(address, InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "203.0.113.7", "172.32.0.1", "100.128.0.1", "169.253.255.255", "11.0.0.1",
            "2606:4700::1111", "::ffff:808:808", "64:ff9b::808:808", "2002:808:808::1", "fbff::1"})
    void publicAddressesArePermitted(String address) throws UnknownHostException {
        assertThat(InternalAddresses.kindOf(InetAddress.getByName(address))).isEmpty();
        assertThat(ReceiverAddressPolicy.publicOnly().permits("platform.example", InetAddress.getByName(address))).isTrue();
    }

    @Test
    void anOperatorAllowsInternalHostsByNameOrByAddress() throws UnknownHostException {
        ReceiverAddressPolicy policy = ReceiverAddressPolicy.allowing(" Hooks.Internal. , 10.0.4.7,[::1], ,");
        InetAddress loopback6 = InetAddress.getByName("::1");
        InetAddress private10 = InetAddress.getByName("10.0.4.7");
        InetAddress other = InetAddress.getByName("10.0.4.8");

        assertThat(policy.permits("hooks.internal", other)).as("any address of an allowed name").isTrue();
        assertThat(policy.permits("HOOKS.internal.", other)).isTrue();
        assertThat(policy.permits("other.internal", private10)).as("an allowed address, whatever name led to it").isTrue();
        assertThat(policy.permits("[::1]", loopback6)).isTrue();
        assertThat(policy.permits("other.internal", other)).isFalse();
        assertThat(policy.permits("127.0.0.1", InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(policy.allowedHosts()).containsExactly("hooks.internal", "10.0.4.7", "0:0:0:0:0:0:0:1");
        assertThat(ReceiverAddressPolicy.allowing("  ").allowedHosts()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.internal", "hooks internal", "zz:1", "::g", "a..b", "10.0.0.256:80"})
    void anEntryThatIsNeitherAHostNameNorAnAddressIsRefused(String entry) {
        assertThatThrownBy(() -> ReceiverAddressPolicy.allowing("ok.internal," + entry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + entry + "'");
    }
}
