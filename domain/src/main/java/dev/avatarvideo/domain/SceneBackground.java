package dev.avatarvideo.domain;

import java.net.URI;
import java.net.URISyntaxException;
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

    /** @param url an absolute http(s) address the renderer can fetch */
    record Image(URI url) implements SceneBackground {

        public static final int MAX_URL_LENGTH = 2000;

        public Image {
            Objects.requireNonNull(url, "url");
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new InvalidInputException("imageUrl", "imageUrl must be an absolute http(s) URL");
            }
            Require.maxLength("imageUrl", url.toString(), MAX_URL_LENGTH);
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
