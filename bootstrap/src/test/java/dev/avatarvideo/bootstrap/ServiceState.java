package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a caller could see change, read through the API (tenants; each tenant's videos, topics, API keys, endpoints,
 * HeyGen key and callback secret), and what is on disk under {@code DATA_DIR/files} and in the upload directory. Two
 * snapshots are equal when nothing changed; a difference names what did.
 */
record ServiceState(Map<String, String> seen) {

    static ServiceState read(ApiCalls api, List<HostileWorld.Tenant> tenants, Path dataDir) throws IOException {
        Map<String, String> seen = new TreeMap<>();
        seen.put("tenants", items(api.expect(200, "GET", "/admin/tenants", HostileWorld.ADMIN_KEY, null), t -> t.get("id").asText() + ":" + t.get("name").asText()));
        for (HostileWorld.Tenant tenant : tenants) {
            String key = tenant.key();
            seen.put(tenant.id() + " videos", pages(api, "/api/videos", key, v -> v.get("id").asText() + ":" + v.get("status").asText() + ":"
                    + v.get("updatedAt").asText() + ":" + v.path("title").asText()));
            seen.put(tenant.id() + " topics", pages(api, "/api/topics", key, t -> t.get("id").asText() + ":" + t.get("updatedAt").asText() + ":"
                    + t.path("title").asText() + ":" + t.get("contents").size()));
            seen.put(tenant.id() + " keys", items(api.expect(200, "GET", "/admin/tenants/" + tenant.id() + "/api-keys", HostileWorld.ADMIN_KEY, null),
                    k -> k.get("id").asText() + ":" + k.path("name").asText() + ":" + k.path("revokedAt").asText("live")));
            seen.put(tenant.id() + " endpoints", items(api.expect(200, "GET", "/api/webhook-endpoints", key, null),
                    e -> e.get("id").asText() + ":" + e.get("url").asText() + ":" + e.get("events")));
            seen.put(tenant.id() + " HeyGen key", api.expect(200, "GET", "/api/heygen-key", key, null).toString());
            seen.put(tenant.id() + " callback secret", digest(api.expect(200, "GET", "/api/callback-secret", key, null).get("secret").asText()));
        }
        seen.put("files", files(dataDir.resolve("files")));
        seen.put("uploads", files(dataDir.resolve("uploads")));
        return new ServiceState(seen);
    }

    /** What differs from {@code before}, one line per aspect. */
    List<String> changesSince(ServiceState before) {
        List<String> changes = new ArrayList<>();
        before.seen.forEach((aspect, was) -> {
            String now = seen.get(aspect);
            if (!was.equals(now)) {
                changes.add(aspect + ": was " + was + ", is " + now);
            }
        });
        return changes;
    }

    private static String pages(ApiCalls api, String path, String key, Function<JsonNode, String> describe) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.expect(200, "GET", path + "?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), key, null);
            page.get("items").forEach(item -> all.add(describe.apply(item)));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return String.join(", ", all);
    }

    private static String items(JsonNode list, Function<JsonNode, String> describe) {
        List<String> all = new ArrayList<>();
        list.get("items").forEach(item -> all.add(describe.apply(item)));
        return String.join(", ", all.stream().sorted().toList());
    }

    private static String files(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return String.join(", ", files.filter(Files::isRegularFile).map(f -> {
                try {
                    return directory.relativize(f) + ":" + Files.size(f);
                } catch (IOException e) {
                    return directory.relativize(f) + ":gone";
                }
            }).sorted().toList());
        }
    }

    /** A secret is compared, never shown. */
    private static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
