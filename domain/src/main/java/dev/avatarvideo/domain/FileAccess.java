package dev.avatarvideo.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Permission to read one stored file until a moment, and how the bytes are to be presented: the name a browser saves
 * them under and the type it treats them as. Both travel inside the signed part of a URL, so nobody can turn a video
 * into, say, an HTML page served from our address.
 */
public record FileAccess(StorageKey key, Instant expiresAt, String downloadName, String contentType) {

    /** Pictures a browser only draws: no SVG, which is a document that runs script. */
    private static final Set<String> PICTURES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif");
    /** A media type with optional parameters; nothing a header could be smuggled through. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[^\"\\\\\\p{Cntrl}]*\"|[A-Za-z0-9!#$&^_.+-]+))*");

    public FileAccess {
        Objects.requireNonNull(key, "key");
        Require.present("expires", expiresAt);
        Require.notBlank("filename", downloadName);
        Require.maxLength("filename", downloadName, 255);
        Require.matches("type", contentType, MEDIA_TYPE, "must be a media type such as video/mp4");
    }

    public boolean expiredAt(Instant now) {
        return now.isAfter(expiresAt);
    }

    /**
     * The {@code Content-Disposition} for these bytes: shown in place when they are media a browser plays or shows as a
     * picture ({@link #showsInPlace}), saved as a download otherwise, so no stored file ever opens as a page.
     */
    public String disposition() {
        return header(showsInPlace(contentType) ? "inline" : "attachment", downloadName);
    }

    /**
     * Whether a browser given this type only plays or pictures it: video, audio and raster images. Everything else can
     * run as a page or carry script (HTML, SVG, XML, PDF) or is better saved than shown (text, archives, documents).
     */
    public static boolean showsInPlace(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("video/") || type.startsWith("audio/") || PICTURES.contains(type);
    }

    /**
     * The {@code Content-Disposition} value (RFC 6266) that shows the file in place and saves it under its name: an
     * ASCII fallback for old clients and the exact name in UTF-8 for the rest.
     */
    public static String inlineDisposition(String fileName) {
        return header("inline", fileName);
    }

    private static String header(String kind, String fileName) {
        String ascii = fileName.codePoints()
                .mapToObj(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? Character.toString(c) : "_")
                .reduce("", String::concat);
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
