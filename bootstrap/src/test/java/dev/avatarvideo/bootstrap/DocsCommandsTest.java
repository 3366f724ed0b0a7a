package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every command block of the README and of docs/*.md runs, in the order a reader meets them (the README first, then
 * the pages by name), in one bash session against a service started as the README's first command starts it: the
 * built-in simulator, the embedded PostgreSQL, a fresh data directory, a free port. The session gets {@code BASE},
 * {@code DATA_DIR} and {@code ADMIN_API_KEY}; the README's first runnable block derives the rest, as it tells a reader.
 *
 * <p>A block fails the test when a command in it fails ({@code set -e -o pipefail}) or when its output lacks a line
 * it promises with {@code # => line}. Blocks fenced {@code ```bash no-run} (they need AWS, a real HeyGen key, another
 * process, a build) are counted and reported, not run.
 */
class DocsCommandsTest {

    private static final Logger LOG = LoggerFactory.getLogger(DocsCommandsTest.class);
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(bash|sh|console)\\b(.*)$");
    private static final Pattern PROMISE = Pattern.compile("^#\\s*=>\\s?(.*)$");
    private static final String ADMIN_KEY = "docs-commands-admin-key-0123456789abcdef";
    private static final long PATIENCE_SECONDS = 150;

    /** One fenced block: where it is, its commands, and whether it is marked not to run. */
    record Block(String file, int line, String script, boolean runnable) {

        List<String> promises() {
            return script.lines().map(String::strip).map(PROMISE::matcher).filter(Matcher::matches).map(m -> m.group(1).strip()).toList();
        }

        String where() {
            return file + ":" + line;
        }
    }

    @TempDir
    Path dataDir;
    @TempDir
    Path workDir;

    @Test
    void everyCommandBlockInTheReadmeAndTheDocsRunsAndPrintsWhatItPromises() throws Exception {
        assumeTrue(onPath("bash") && onPath("curl") && onPath("jq") && onPath("ffprobe") && onPath("sha256sum"),
                "the documentation's commands need bash, curl, jq, ffprobe and sha256sum on the PATH");
        List<Block> blocks = blocks(projectRoot());
        List<Block> runnable = blocks.stream().filter(Block::runnable).toList();
        List<Block> skipped = blocks.stream().filter(block -> !block.runnable()).toList();
        LOG.info("documentation command blocks: {} to run, {} marked no-run ({})", runnable.size(), skipped.size(),
                skipped.stream().map(Block::where).toList());
        assertThat(runnable).as("the quick start at least").hasSizeGreaterThanOrEqualTo(10);

        try (AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(), "PORT", "0", "ADMIN_API_KEY", ADMIN_KEY)))) {
            runInOneSession(runnable, Map.of("BASE", service.baseUrl().toString().replaceAll("/$", ""), "DATA_DIR", dataDir.toString(),
                    "ADMIN_API_KEY", ADMIN_KEY));
        }
        LOG.info("documentation command blocks: {} ran and kept their promises, {} skipped as no-run", runnable.size(), skipped.size());
    }

    @Test
    void readsFencesIndentedOrNotAndTellsNoRunBlocksApart() {
        List<Block> blocks = blocksOf("page.md", """
                Text.

                ```bash
                echo one
                # => one
                ```

                - a list item:

                  ```bash no-run
                  rm -rf /
                  ```

                ```json
                {"not": "a command"}
                ```
                """);

        assertThat(blocks).containsExactly(new Block("page.md", 3, "echo one\n# => one\n", true), new Block("page.md", 10, "rm -rf /\n", false));
        assertThat(blocks.getFirst().promises()).containsExactly("one");
    }

    private void runInOneSession(List<Block> blocks, Map<String, String> environment) throws IOException, InterruptedException {
        StringBuilder session = new StringBuilder("set -e -o pipefail\n");
        for (int i = 0; i < blocks.size(); i++) {
            Files.writeString(workDir.resolve("block-" + i + ".sh"), blocks.get(i).script());
            session.append("echo ").append(i).append(" > current-block\n")
                    .append("source block-").append(i).append(".sh > out-").append(i).append(".txt 2> err-").append(i).append(".txt\n");
        }
        session.append("echo done > current-block\n");
        Files.writeString(workDir.resolve("session.sh"), session);
        ProcessBuilder bash = new ProcessBuilder("bash", "session.sh").directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("session.log").toFile());
        bash.environment().putAll(environment);
        Process process = bash.start();
        boolean ended = process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String reached = Files.readString(workDir.resolve("current-block")).strip();
        if (!reached.equals("done")) {
            int failed = Integer.parseInt(reached);
            throw new AssertionError((ended ? "exited " + process.exitValue() : "did not end within " + PATIENCE_SECONDS + " s") + ": block at "
                    + blocks.get(failed).where() + "\n--- block\n" + blocks.get(failed).script() + "--- output\n" + output(failed, "out")
                    + "--- errors\n" + output(failed, "err"));
        }
        for (int i = 0; i < blocks.size(); i++) {
            List<String> lines = output(i, "out").lines().map(String::strip).toList();
            for (String promise : blocks.get(i).promises()) {
                assertThat(lines).as("the output of the block at %s promises the line '%s'; it printed:%n%s", blocks.get(i).where(), promise,
                        output(i, "out")).contains(promise);
            }
        }
    }

    private String output(int block, String stream) throws IOException {
        Path file = workDir.resolve(stream + "-" + block + ".txt");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** The README first, then docs/*.md by name: the order a reader meets them. */
    private static List<Block> blocks(Path root) throws IOException {
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(path -> path.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path file : files) {
            blocks.addAll(blocksOf(root.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
        return blocks;
    }

    static List<Block> blocksOf(String name, String markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int start = i + 1;
            String indent = fence.group(1);
            StringBuilder script = new StringBuilder();
            for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                String line = lines.get(i).startsWith(indent) ? lines.get(i).substring(indent.length()) : lines.get(i);
                script.append(fence.group(2).equals("console") ? commandOfConsoleLine(line) : line + "\n");
            }
            blocks.add(new Block(name, start, script.toString(), !fence.group(3).contains("no-run")));
        }
        return blocks;
    }

    /** A {@code console} block shows a prompt before each command and the output without one; the commands run. */
    private static String commandOfConsoleLine(String line) {
        return line.startsWith("$ ") ? line.substring(2) + "\n" : "";
    }

    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) && Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, command)));
    }
}
