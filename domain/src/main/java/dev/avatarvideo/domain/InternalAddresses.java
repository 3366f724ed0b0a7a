package dev.avatarvideo.domain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a notification must never be sent to, because they lead into the service's own network rather than to a
 * platform on the internet: loopback, private, link-local (where clouds answer metadata requests), unspecified,
 * multicast and broadcast, the reserved blocks, and the IPv6 forms that carry such an IPv4 address inside them.
 */
public final class InternalAddresses {

    private record Block(byte[] prefix, int bits, String kind) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            return rest == 0 || ((address[whole] ^ prefix[whole]) & (0xff << (8 - rest))) == 0;
        }
    }

    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0", 8, "unspecified"),
            block("10.0.0.0", 8, "private"),
            block("100.64.0.0", 10, "shared (carrier-grade NAT)"),
            block("127.0.0.0", 8, "loopback"),
            block("169.254.0.0", 16, "link-local"),
            block("172.16.0.0", 12, "private"),
            block("192.0.0.0", 24, "reserved"),
            block("192.168.0.0", 16, "private"),
            block("198.18.0.0", 15, "reserved"),
            block("224.0.0.0", 4, "multicast"),
            block("255.255.255.255", 32, "broadcast"),
            block("240.0.0.0", 4, "reserved"));

    private static final List<Block> IPV6 = List.of(
            block("::", 128, "unspecified"),
            block("::1", 128, "loopback"),
            block("64:ff9b:1::", 48, "local NAT64"),
            block("100::", 64, "reserved"),
            block("2001::", 32, "Teredo tunnel"),
            block("fc00::", 7, "unique-local"),
            block("fe80::", 10, "link-local"),
            block("fec0::", 10, "site-local"),
            block("ff00::", 8, "multicast"));

    private InternalAddresses() {
    }

    /** What kind of internal address this is ({@code loopback}, {@code private}, …), or empty for a public one. */
    public static Optional<String> kindOf(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return first(IPV4, bytes);
        }
        Optional<byte[]> embedded = embeddedIpv4(bytes);
        if (embedded.isPresent()) {
            return first(IPV4, embedded.get());
        }
        if (isZeroUpTo(bytes, 1)) {
            // ::/8 holds nothing routable besides the forms above (IPv4-compatible addresses are deprecated).
            return first(IPV6, bytes).or(() -> Optional.of("reserved"));
        }
        return first(IPV6, bytes);
    }

    /**
     * The IPv4 address an IPv6 address stands for, when it is one of the forms that lead to IPv4: mapped
     * ({@code ::ffff:a.b.c.d}), compatible ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::a.b.c.d}) and 6to4
     * ({@code 2002:aabb:ccdd::}).
     */
    private static Optional<byte[]> embeddedIpv4(byte[] v6) {
        boolean mapped = isZeroUpTo(v6, 10) && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
        boolean compatible = isZeroUpTo(v6, 12) && !(v6[12] == 0 && v6[13] == 0 && v6[14] == 0 && (v6[15] == 0 || v6[15] == 1));
        boolean nat64 = v6[0] == 0 && (v6[1] & 0xff) == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b && isZeroFrom(v6, 4, 12);
        if (mapped || compatible || nat64) {
            return Optional.of(Arrays.copyOfRange(v6, 12, 16));
        }
        if ((v6[0] & 0xff) == 0x20 && v6[1] == 0x02) {
            return Optional.of(Arrays.copyOfRange(v6, 2, 6));
        }
        return Optional.empty();
    }

    private static Optional<String> first(List<Block> blocks, byte[] address) {
        return blocks.stream().filter(block -> block.contains(address)).map(Block::kind).findFirst();
    }

    private static boolean isZeroUpTo(byte[] bytes, int end) {
        return isZeroFrom(bytes, 0, end);
    }

    private static boolean isZeroFrom(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A block from its address in literal text, which is parsed, never looked up. */
    private static Block block(String literal, int bits, String kind) {
        try {
            return new Block(InetAddress.getByName(literal).getAddress(), bits, kind);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IP literal: " + literal, e);
        }
    }
}
