package dev.avatarvideo.domain;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** What is behind the avatar in a scene: a plain colour or an image the renderer fetches from a public address. */
public sealed interface SceneBackground {

    /** @param hex {@code #RRGGBB} */
    record Color(String hex) implements SceneBackground {

        private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

        public Color {
            Require.matches("color", hex, HEX, "must be a colour like #1A2B3C");
            hex = hex.toUpperCase(Locale.ROOT);
        }
    }

    /**
     * @param url an absolute https address on the internet, which the renderer fetches: HeyGen takes only "publicly
     *            accessible HTTPS" asset URLs, so anything else is refused here instead of failing the render later
     */
    record Image(URI url) implements SceneBackground {

        public static final int MAX_URL_LENGTH = 2000;
        /** Dotted IPv4 or a bracketed IPv6 literal: judged without asking DNS. */
        private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+]");

        public Image {
            Objects.requireNonNull(url, "url");
            if (!"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new InvalidInputException("imageUrl", "imageUrl must be an absolute https URL (HeyGen fetches only public https addresses)");
            }
            Require.maxLength("imageUrl", url.toString(), MAX_URL_LENGTH);
            requirePublicHost(url.getHost());
        }

        private static void requirePublicHost(String host) {
            String name = host.toLowerCase(Locale.ROOT);
            if (name.equals("localhost") || name.endsWith(".localhost")) {
                throw new InvalidInputException("imageUrl", "imageUrl must be a public address; localhost is not one");
            }
            if (!ADDRESS_LITERAL.matcher(name).matches()) {
                return;
            }
            try {
                InternalAddresses.kindOf(InetAddress.getByName(name)).ifPresent(kind -> {
                    throw new InvalidInputException("imageUrl", "imageUrl must be a public address, not a " + kind + " one");
                });
            } catch (UnknownHostException e) {
                throw new InvalidInputException("imageUrl", "imageUrl names an address that is not valid");
            }
        }

        public static Image of(String url) {
            Require.notBlank("imageUrl", url);
            try {
                return new Image(new URI(url.strip()));
            } catch (URISyntaxException e) {
                throw new InvalidInputException("imageUrl", "imageUrl is not a valid URL: " + e.getReason());
            }
        }
    }
}
