package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * File addresses are signed afresh on every read (their expiry moves on), so two reads of the same resource differ
 * only there. Comparing them means comparing each address without its signature: same host, same path.
 */
final class FileUrls {

    private FileUrls() {
    }

    /** A copy with every {@code fileUrl} cut down to the address it names, its signing query removed. */
    static JsonNode unsigned(JsonNode json) {
        JsonNode copy = json.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object && object.hasNonNull("fileUrl")) {
            URI url = URI.create(object.get("fileUrl").asText());
            object.put("fileUrl", url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath());
        }
        node.forEach(FileUrls::strip);
    }
}
