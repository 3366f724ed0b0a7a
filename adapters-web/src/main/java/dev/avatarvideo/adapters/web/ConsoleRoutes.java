package dev.avatarvideo.adapters.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The web console: static files from the jar, plain HTML, CSS and JavaScript modules that speak the public API with the
 * signed-in key. Read once at start and served from memory with an ETag, so a reload costs a 304.
 */
final class ConsoleRoutes {

    /** Javalin treats {@code /console/} as {@code /console}; the page names its files by absolute path, so both work. */
    static final String PATH = "/console";
    private static final String RESOURCES = "/dev/avatarvideo/adapters/web/console/";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    /** Every module the page loads; a file not listed here is not served. */
    static final List<String> MODULES = List.of("app.js", "api.js", "dom.js", "live.js", "player.js", "sse.js", "store.js", "topics.js",
            "video-form.js", "videos.js");

    private record Asset(byte[] content, String contentType, String etag) {
    }

    private final Map<String, Asset> assets;
    private final String contentSecurityPolicy;

    ConsoleRoutes(JavalinServer.ConsoleOrigins origins) {
        Map<String, Asset> files = new HashMap<>();
        files.put("", asset("index.html", "text/html; charset=utf-8"));
        files.put("console.css", asset("console.css", "text/css; charset=utf-8"));
        files.put("favicon.svg", asset("favicon.svg", "image/svg+xml"));
        MODULES.forEach(module -> files.put(module, asset(module, JAVASCRIPT)));
        this.assets = Map.copyOf(files);
        this.contentSecurityPolicy = contentSecurityPolicy(origins);
    }

    /**
     * Scripts and styles only from this service. Pictures also from where avatar previews live (HeyGen's CDN, or the
     * simulator), videos also from where stored files are played from (the bucket, or this service's public address);
     * nothing else. API calls go to this service, and a video's captions (WebVTT) are fetched from where stored files
     * live: a {@code <track>} from another origin loads only under CORS, so the player fetches it and hands it over as
     * a {@code blob:} of its own.
     */
    static String contentSecurityPolicy(JavalinServer.ConsoleOrigins origins) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; connect-src " + sources(origins.media()) + ";"
                + " img-src " + sources(origins.images()) + "; media-src " + sources(origins.media(), "blob:") + ";"
                + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static String sources(List<String> extra, String... more) {
        return String.join(" ", Stream.of(Stream.of("'self'"), extra.stream(), Stream.of(more)).flatMap(s -> s).distinct().toList());
    }

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect(PATH));
        routes.get(PATH, ctx -> serve(ctx, assets.get("")));
        routes.get(PATH + "/{file}", ctx -> {
            Asset asset = assets.get(ctx.pathParam("file"));
            if (asset == null) {
                throw new NotFoundException("the console has no file " + ctx.pathParam("file"));
            }
            serve(ctx, asset);
        });
    }

    private void serve(Context ctx, Asset asset) {
        ctx.header("ETag", asset.etag());
        // Always revalidated: a new release's console must not meet an old cached script.
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", contentSecurityPolicy);
        ctx.header("Referrer-Policy", "no-referrer");
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.content());
    }

    private static Asset asset(String name, String contentType) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the console file " + name + " is missing from the jar");
            }
            byte[] content = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 12) + "\"";
            return new Asset(content, contentType, etag);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console file " + name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
