package dev.avatarvideo.adapters.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The web console: three static files from the jar, plain HTML, CSS and JavaScript that speak the public API with the
 * signed-in key. Read once at start and served from memory with an ETag, so a reload costs a 304.
 */
final class ConsoleRoutes {

    /** Javalin treats {@code /console/} as {@code /console}; the page names its files by absolute path, so both work. */
    static final String PATH = "/console";
    private static final String RESOURCES = "/dev/avatarvideo/adapters/web/console/";
    /**
     * Scripts and styles only from this service; pictures and videos also from elsewhere, since presigned bucket
     * addresses and HeyGen's previews live on other hosts.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self' data: http: https:; media-src 'self' http: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private record Asset(byte[] content, String contentType, String etag) {
    }

    private final Map<String, Asset> assets = Map.of(
            "", asset("index.html", "text/html; charset=utf-8"),
            "console.css", asset("console.css", "text/css; charset=utf-8"),
            "console.js", asset("console.js", "text/javascript; charset=utf-8"));

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

    private static void serve(Context ctx, Asset asset) {
        ctx.header("ETag", asset.etag());
        // Always revalidated: a new release's console must not meet an old cached script.
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
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
