package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.adapters.web.JavalinServer;
import dev.avatarvideo.testsupport.RawHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11: the service's own hostile suite, generated from {@code /openapi.json} at test time over every operation
 * (the tenant and admin APIs, {@code /files}, {@code /webhooks/heygen}) against the real wiring. Every answer must be a
 * 4xx problem document where the request is at fault and never a 5xx; nothing may change, as seen through the API
 * and on disk; the service's log (as encoded for operators) must hold no secret and no line a request forged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSuiteTest {

    private static final Logger LOG = LoggerFactory.getLogger(HostileSuiteTest.class);
    /** Headers some stack somewhere reads as the method; the first three are refused, the rest must simply not matter. */
    private static final List<String> OVERRIDE_HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override",
            "x-http-method-override", "X-Original-Method", "X-Forwarded-Method", "X-Original-HTTP-Method", "X-Override-Method");
    private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) \\[.*");

    private CapturedLog log;
    private HostileWorld world;
    private OpenApiDocument document;

    @BeforeAll
    void start() throws Exception {
        log = CapturedLog.start();
        world = HostileWorld.start();
        document = OpenApiDocument.parse(world.api.call("GET", "/openapi.json", (String) null, null).body());
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
        log.close();
    }

    @Test
    void everyGeneratedHostileRequestIsRefusedWithAProblemAndChangesNothing() throws Exception {
        List<HostileCase> generated = HostileCases.generate(document, world);
        report(generated);

        ServiceState before = world.state();
        List<String> faults = new ArrayList<>();
        for (HostileCase hostile : generated) {
            hostile.fault(world.send(hostile.request())).ifPresent(fault -> faults.add(hostile + ": " + fault));
        }
        List<String> changes = settledChanges(before);

        assertThat(generated).hasSizeGreaterThanOrEqualTo(250);
        assertThat(generated.stream().map(HostileCase::kind).distinct()).containsExactlyInAnyOrder(HostileClass.values());
        assertThat(faults).as("answered otherwise than a hostile request must be").isEmpty();
        assertThat(changes).as("changed by hostile requests").isEmpty();
        assertTheLogHoldsNoSecretAndNoForgedLine();
    }

    /**
     * Issue 11, class 4: every route, whatever its method, asked with GET and HEAD under every method-override header
     * and parameter some framework honours. The ones Javalin or its kin read are refused; none changes anything.
     */
    @Test
    void readsNeverWriteWhateverOverrideTheyCarry() throws Exception {
        Set<String> targets = routeTargets();
        ServiceState before = world.state();
        List<String> faults = new ArrayList<>();
        int asked = 0;
        for (String target : targets) {
            for (String method : List.of("GET", "HEAD")) {
                for (String header : OVERRIDE_HEADERS) {
                    for (String override : List.of("DELETE", "POST", "PUT", "PATCH")) {
                        HostileRequest request = asCaller(method, target).header(header, override);
                        Optional<RawHttp.Answer> answer = world.send(request);
                        asked++;
                        boolean refused = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override").stream().anyMatch(header::equalsIgnoreCase);
                        overrideFault(answer, refused).ifPresent(fault -> faults.add(method + " " + target + " with " + header + ": " + override + ": " + fault));
                    }
                }
                for (String parameter : List.of("_method", "_METHOD")) {
                    HostileRequest request = asCaller(method, target + (target.contains("?") ? "&" : "?") + parameter + "=DELETE");
                    asked++;
                    overrideFault(world.send(request), true).ifPresent(fault -> faults.add(method + " " + target + " with " + parameter + ": " + fault));
                }
            }
        }
        List<String> changes = settledChanges(before);
        LOG.info("method overrides: {} reads over {} routes, {} headers and 2 parameters", asked, targets.size(), OVERRIDE_HEADERS.size());

        assertThat(targets).hasSizeGreaterThan(25);
        assertThat(faults).isEmpty();
        assertThat(changes).as("changed by a read").isEmpty();
    }

    /** What the border refuses is only what cannot be text; every script, joiner, mark and emoji is kept exactly. */
    @Test
    void textInEveryScriptWithJoinersMarksAndEmojiIsStoredExactly() {
        String title = "שלום – مرحبا\u200f – क्\u200dष – 👩\u200d👩\u200d👧 – e\u0301 – zero\u200bwidth – 𝄞";
        String text = "Line one\nLine two\twith a tab – ∑ – " + title;
        String key = world.caller.key();
        JsonNode topic = world.api.expect(201, "POST", "/api/topics", key, "{\"title\": " + quoted(title) + ", \"language\": \"he\", \"contents\": "
                + "[{\"type\": \"text\", \"text\": " + quoted(text) + "}]}");
        JsonNode video = world.api.expect(202, "POST", "/api/videos", key, "{\"title\": " + quoted(title) + ", \"scenes\": [{\"avatarId\": "
                + "\"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": " + quoted(text) + "}]}");
        try {
            JsonNode storedTopic = world.api.expect(200, "GET", "/api/topics/" + topic.get("id").asText(), key, null);
            JsonNode storedVideo = world.api.expect(200, "GET", "/api/videos/" + video.get("id").asText(), key, null);

            assertThat(storedTopic.get("title").asText()).isEqualTo(title);
            assertThat(storedTopic.at("/contents/0/text").asText()).isEqualTo(text);
            assertThat(storedVideo.get("title").asText()).isEqualTo(title);
            assertThat(storedVideo.at("/scenes/0/script").asText()).isEqualTo(text);
        } finally {
            world.api.expect(204, "DELETE", "/api/topics/" + topic.get("id").asText(), key, null);
            TrackingFixture.await("the video settled", () -> List.of("READY", "FAILED").contains(
                    world.api.expect(200, "GET", "/api/videos/" + video.get("id").asText(), key, null).get("status").asText()));
            world.api.expect(204, "DELETE", "/api/videos/" + video.get("id").asText(), key, null);
        }
    }

    private Optional<String> overrideFault(Optional<RawHttp.Answer> received, boolean mustBeRefused) {
        if (received.isEmpty()) {
            return Optional.of("no answer");
        }
        RawHttp.Answer answer = received.get();
        if (answer.status() >= 500) {
            return Optional.of("answered " + answer.status());
        }
        if (mustBeRefused && answer.status() != 400) {
            return Optional.of("answered " + answer.status() + " instead of refusing the override");
        }
        if (answer.status() >= 400 && !answer.header("Content-Type").orElse("").startsWith("application/problem+json")) {
            return Optional.of(answer.status() + " that is not a problem document");
        }
        return Optional.empty();
    }

    /** Every path the service serves, documented or not, with real ids of the caller's. */
    private Set<String> routeTargets() {
        RequestSamples samples = new RequestSamples(document, world);
        Map<String, String> targets = new LinkedHashMap<>();
        for (OpenApiDocument.Operation op : document.operations()) {
            targets.putIfAbsent(op.path(), samples.baseline(op, world.caller).target());
        }
        for (JavalinServer.Route route : world.service.routes()) {
            targets.putIfAbsent(route.path(), route.path().replace("{file}", "console.js").replaceAll("\\{[^}]+}", "x"));
        }
        return new LinkedHashSet<>(targets.values());
    }

    private HostileRequest asCaller(String method, String target) {
        String[] pathAndQuery = target.split("\\?", 2);
        HostileRequest request = new HostileRequest(method, pathAndQuery[0]);
        if (pathAndQuery.length > 1) {
            for (String pair : pathAndQuery[1].split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                request.query(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
            }
        }
        if (target.startsWith("/admin")) {
            request.header("Authorization", "Bearer " + HostileWorld.ADMIN_KEY);
        } else if (target.startsWith("/api/")) {
            request.header("Authorization", "Bearer " + world.caller.key());
        }
        return request;
    }

    /** Changes since {@code before}; work a refused request may have left (spooled parts Jetty removes) gets a moment. */
    private List<String> settledChanges(ServiceState before) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<String> changes = world.state().changesSince(before);
        while (!changes.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            changes = world.state().changesSince(before);
        }
        return changes;
    }

    private void assertTheLogHoldsNoSecretAndNoForgedLine() {
        List<String> lines = log.lines();
        assertThat(lines).as("the service logged while under attack").hasSizeGreaterThan(100);
        List<String> leaks = new ArrayList<>();
        world.secrets().forEach((what, secret) -> lines.stream().filter(line -> line.contains(secret)).forEach(line -> leaks.add(what + " in: " + line)));
        assertThat(leaks).isEmpty();
        assertThat(lines).as("no line starts where a request's text begins").noneMatch(line -> line.startsWith(HostileCases.FORGED))
                .noneMatch(line -> line.chars().anyMatch(c -> c < 0x20 && c != '\t'));
        List<String> strays = lines.stream().filter(line -> !line.isEmpty() && !LOG_LINE.matcher(line).matches() && !isStackTrace(line)).toList();
        assertThat(strays).as("lines that are neither a log event nor part of a stack trace").isEmpty();
    }

    private static boolean isStackTrace(String line) {
        return line.startsWith("\tat ") || line.startsWith("\t... ") || line.startsWith("Caused by: ") || line.startsWith("\tSuppressed: ")
                || line.startsWith("\t\t") || line.matches("[a-z][\\w$]*(\\.[\\w$]+)+(: .*)?");
    }

    private void report(List<HostileCase> generated) {
        Map<HostileClass, Integer> perClass = new EnumMap<>(HostileClass.class);
        generated.forEach(c -> perClass.merge(c.kind(), 1, Integer::sum));
        StringBuilder table = new StringBuilder("hostile cases generated from /openapi.json (" + document.operations().size() + " operations):");
        perClass.forEach((kind, count) -> table.append(String.format("%n  %-16s %5d  %s", kind, count, 
                kind.description)));
        table.append(String.format("%n  %-16s %5d", "total", generated.size()));
        LOG.info("{}", table);
        System.out.println(table);
    }

    private static String quoted(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
