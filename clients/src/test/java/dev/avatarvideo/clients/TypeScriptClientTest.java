package dev.avatarvideo.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TypeScript client generated into {@code target/typescript-client} is built with the TypeScript compiler and used,
 * as an npm dependency of a small project, by {@code src/test/typescript/example.test.ts} (the example of
 * docs/clients.md) against the real service, under Node's own test runner.
 */
@ExtendWith(RunningService.Resolver.class)
class TypeScriptClientTest {

    private static final Path TARGET = Path.of("target");
    private static final Path PROJECT = Path.of("src", "test", "typescript");
    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", "tsconfig.json", "example.test.ts");

    @Test
    void theExampleCreatesAVideoFollowsItToReadyAndDownloadsItsFile(RunningService service) throws Exception {
        String npm = ExternalProgram.require("npm", "install Node.js 18 or newer with npm (Debian: apt-get install nodejs npm)").toString();
        requireNode18();
        Path example = freshCopyOfTheExampleProject();

        ExternalProgram.run(example, Map.of(), Duration.ofMinutes(5), npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund").assertSucceeded();
        ExternalProgram.run(example, Map.of(), Duration.ofMinutes(3), npm, "run", "build").assertSucceeded();
        ExternalProgram.Result run = ExternalProgram.run(example, service.clientEnvironment(), Duration.ofMinutes(2),
                npm, "test").assertSucceeded();

        Matcher ready = ClientReport.READY.matcher(run.output());
        assertThat(ready.find()).as("the example reports the video it made; its output:%n%s", run.output()).isTrue();
        JsonNode video = service.video(ready.group(1));
        assertThat(video.get("status").asText()).isEqualTo("READY");
        assertThat(video.get("file").get("fileSize").asLong()).isEqualTo(Long.parseLong(ready.group(2)));
        assertThat(video.get("file").get("checksum").asText()).isEqualTo(ready.group(3));
        assertThat(run.output()).contains("# pass 2").contains("# fail 0");
    }

    private static void requireNode18() throws IOException, InterruptedException {
        String node = ExternalProgram.require("node", "install Node.js 18 or newer (Debian: apt-get install nodejs npm)").toString();
        String version = ExternalProgram.run(TARGET, Map.of(), Duration.ofSeconds(30), node, "--version").assertSucceeded().output().strip();
        if (Integer.parseInt(version.replaceFirst("^v(\\d+).*", "$1")) < 18) {
            throw ExternalProgram.missing("Node.js " + version + " has no built-in fetch: install Node.js 18 or newer");
        }
    }

    /** The example project beside the generated client, so its {@code file:../typescript-client} dependency resolves. */
    private static Path freshCopyOfTheExampleProject() throws IOException {
        Path example = TARGET.resolve("typescript-example");
        if (Files.exists(example)) {
            try (Stream<Path> old = Files.walk(example)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(example);
        for (String file : PROJECT_FILES) {
            Files.copy(PROJECT.resolve(file), example.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        return example;
    }
}
