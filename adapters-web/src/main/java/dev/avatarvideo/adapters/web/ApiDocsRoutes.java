package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.avatarvideo.inbound.InboundWebhook;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The API described: {@code GET /openapi.json} (OpenAPI 3.1, written by hand in {@code openapi.yaml} beside this class
 * and served as JSON), and {@code GET /api-docs}, an interactive page on Swagger UI, whose files come from its webjar
 * on our own classpath: nothing is loaded from a CDN. Neither needs a key; the page sends the key a person enters.
 * The webhooks this server hosts for other adapters describe themselves; their parts are merged in.
 */
final class ApiDocsRoutes {

    static final String DOCUMENT = "/openapi.json";
    static final String PAGE = "/api-docs";
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** The only files of the webjar the page uses; nothing else under it is served. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript",
            "favicon-32x32.png", "image/png");

    private final byte[] document;
    private final byte[] page;
    private final String webjarDirectory;

    ApiDocsRoutes(ObjectMapper json, List<InboundWebhook> webhooks) {
        ObjectMapper yamlReader = new ObjectMapper(new YAMLFactory());
        try (InputStream yaml = resource("openapi.yaml")) {
            ObjectNode description = (ObjectNode) yamlReader.readTree(yaml);
            for (InboundWebhook webhook : webhooks) {
                merge(description, yamlReader.readTree(webhook.apiDescription()), webhook.path());
            }
            this.document = json.writeValueAsBytes(description);
        } catch (IOException e) {
            throw new UncheckedIOException("the API description openapi.yaml cannot be read", e);
        }
        try (InputStream html = resource("api-docs.html")) {
            this.page = html.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the API docs page cannot be read", e);
        }
        this.webjarDirectory = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
    }

    /** Adds a webhook's paths and components; one that would replace a part of the description is a mistake in the build. */
    private static void merge(ObjectNode description, JsonNode part, String path) {
        mergeFields((ObjectNode) description.withObjectProperty("paths"), part.path("paths"), path);
        part.path("components").properties().forEach(kind -> mergeFields(
                (ObjectNode) description.withObjectProperty("components").withObjectProperty(kind.getKey()), kind.getValue(), path));
    }

    private static void mergeFields(ObjectNode into, JsonNode from, String path) {
        from.properties().forEach(field -> {
            if (into.has(field.getKey())) {
                throw new IllegalStateException("the API description of the webhook at " + path + " redefines " + field.getKey());
            }
            into.set(field.getKey(), field.getValue());
        });
    }

    void register(RoutesConfig routes) {
        routes.get(DOCUMENT, ctx -> ctx.contentType("application/json").header("Cache-Control", "no-cache").result(document));
        routes.get(PAGE, ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
        routes.get(PAGE + "/{asset}", this::asset);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        String type = ASSETS.get(name);
        InputStream content = type == null ? null : ApiDocsRoutes.class.getResourceAsStream(webjarDirectory + name);
        if (content == null) {
            throw new NotFoundException("no file " + ctx.path());
        }
        ctx.contentType(type).header("Cache-Control", "public, max-age=86400").result(content);
    }

    private static InputStream resource(String name) {
        InputStream in = ApiDocsRoutes.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath beside " + ApiDocsRoutes.class.getName());
        }
        return in;
    }

    private static String webjarVersion() {
        try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the swagger-ui webjar cannot be read", e);
        }
    }
}
