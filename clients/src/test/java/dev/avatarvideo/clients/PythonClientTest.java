package dev.avatarvideo.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Python client generated into {@code target/python-client} is used by {@code src/test/python/test_example.py}
 * (the example of docs/clients.md) against the real service, under Python's own unittest.
 */
@ExtendWith(RunningService.Resolver.class)
class PythonClientTest {

    /** What the generated client imports beyond the standard library. */
    private static final String LIBRARIES_PRESENT = "import pydantic, urllib3, dateutil; assert pydantic.VERSION.startswith('1.')";
    /** Debian's own interpreter, the one its python3-* packages install for, even where another python3 comes first on the PATH. */
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    @Test
    void theExampleCreatesAVideoFollowsItToReadyAndDownloadsItsFile(RunningService service) throws Exception {
        Path python = pythonWithTheClientsLibraries();
        Map<String, String> env = new HashMap<>(service.clientEnvironment());
        env.put("PYTHONPATH", Path.of("target", "python-client").toAbsolutePath().toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");

        ExternalProgram.Result run = ExternalProgram.run(Path.of("src", "test", "python"), env, Duration.ofMinutes(2),
                python.toString(), "-m", "unittest", "-v", "test_example").assertSucceeded();

        Matcher ready = ClientReport.READY.matcher(run.output());
        assertThat(ready.find()).as("the example reports the video it made; its output:%n%s", run.output()).isTrue();
        JsonNode video = service.video(ready.group(1));
        assertThat(video.get("status").asText()).isEqualTo("READY");
        assertThat(video.get("file").get("fileSize").asLong()).isEqualTo(Long.parseLong(ready.group(2)));
        assertThat(video.get("file").get("checksum").asText()).isEqualTo(ready.group(3));
        assertThat(run.output()).contains("Ran 2 tests").contains("\nOK");
    }

    private static Path pythonWithTheClientsLibraries() throws IOException, InterruptedException {
        List<Path> candidates = new ArrayList<>(ExternalProgram.onPath("python3"));
        if (Files.isExecutable(DEBIAN_PYTHON) && !candidates.contains(DEBIAN_PYTHON)) {
            candidates.add(DEBIAN_PYTHON);
        }
        if (candidates.isEmpty()) {
            throw ExternalProgram.missing("python3 is not installed (Debian: apt-get install python3 python3-pydantic python3-urllib3 python3-dateutil)");
        }
        for (Path python : candidates) {
            if (ExternalProgram.run(Path.of("."), Map.of(), Duration.ofSeconds(30), python.toString(), "-c", LIBRARIES_PRESENT)
                    .exitCode().filter(code -> code == 0).isPresent()) {
                return python;
            }
        }
        throw ExternalProgram.missing("no python3 here (" + candidates + ") has what the generated client imports, pydantic 1.x,"
                + " urllib3 and python-dateutil: apt-get install python3-pydantic python3-urllib3 python3-dateutil (Debian),"
                + " or pip install 'pydantic<2' urllib3 python-dateutil");
    }
}
