package dev.avatarvideo.heygen.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /sim-admin/...}: the simulator's own controls, no API key needed (it listens on localhost only). Not part of
 * HeyGen's API.
 * <ul>
 *   <li>{@code GET|POST|DELETE /sim-admin/faults}: read, set (fields left out are off) or clear the fault profile;</li>
 *   <li>{@code GET /sim-admin/stats}: the counters;</li>
 *   <li>{@code GET /sim-admin/requests}: the request log;</li>
 *   <li>{@code POST /sim-admin/catalog/looks {"count": n}}: add n generated avatar looks.</li>
 * </ul>
 */
final class AdminApi {

    private final HeyGenSimulator simulator;

    AdminApi(HeyGenSimulator simulator) {
        this.simulator = simulator;
    }

    void faults(Context ctx) {
        ctx.json(simulator.faults());
    }

    void setFaults(Context ctx) {
        JsonNode body = JsonInput.object(ctx);
        ObjectNode merged = JsonInput.JSON.valueToTree(SimulatorFaults.none());
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!merged.has(field.getKey())) {
                throw HeyGenError.invalidParameter(field.getKey(), "unknown fault '" + field.getKey() + "'; known: " + fieldNames(merged));
            }
            if (!field.getValue().isNumber()) {
                throw HeyGenError.invalidParameter(field.getKey(), field.getKey() + " must be a number");
            }
            merged.set(field.getKey(), field.getValue());
        }
        SimulatorFaults faults;
        try {
            faults = JsonInput.JSON.treeToValue(merged, SimulatorFaults.class);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof SimulatorFaults.InvalidFaultException invalid) {
                throw HeyGenError.invalidParameter(invalid.field(), invalid.getMessage());
            }
            throw HeyGenError.invalidParameter("body", "the fault profile could not be read: " + e.getOriginalMessage());
        }
        simulator.useFaults(faults);
        ctx.json(faults);
    }

    void clearFaults(Context ctx) {
        simulator.useFaults(SimulatorFaults.none());
        ctx.json(simulator.faults());
    }

    void stats(Context ctx) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("rendersStarted", simulator.rendersStarted());
        stats.put("downloadsStarted", simulator.downloadsStarted());
        stats.put("videoDownloads", simulator.videoDownloads());
        stats.put("truncatedDownloads", simulator.truncatedDownloads());
        stats.put("webhookDeliveries", simulator.webhookDeliveries());
        stats.put("requests", simulator.requests().size());
        ctx.json(stats);
    }

    void requests(Context ctx) {
        ctx.json(simulator.requests().stream().map(request -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("method", request.method());
            json.put("path", request.path());
            json.put("query", request.query());
            json.put("at", request.at().toString());
            return json;
        }).toList());
    }

    void addLooks(Context ctx) {
        JsonNode count = JsonInput.object(ctx).get("count");
        if (count == null || !count.canConvertToInt() || count.asInt() < 1) {
            throw HeyGenError.invalidParameter("count", "count must be a positive whole number");
        }
        try {
            ctx.json(Map.of("added", simulator.addGeneratedLooks(count.asInt()).size()));
        } catch (IllegalArgumentException e) {
            throw HeyGenError.invalidParameter("count", e.getMessage());
        }
    }

    private static String fieldNames(ObjectNode node) {
        StringBuilder names = new StringBuilder();
        node.fieldNames().forEachRemaining(name -> names.append(names.isEmpty() ? "" : ", ").append(name));
        return names.toString();
    }
}
