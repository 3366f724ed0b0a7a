package dev.avatarvideo.heygen.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the simulator accepted, kept so that a restart changes nothing for a client: one JSON object per line in
 * {@code journal.jsonl}, each line written and forced to disk before the request that caused it is answered. Opening a
 * directory reads every entry back; a last line cut short by a crash is dropped (its request was never answered), and
 * the file is rewritten without it and without entries later ones replaced (an endpoint's older versions), through a
 * temporary file moved into place, so the journal never holds half of a rewrite. Without a directory it remembers
 * nothing, as the stand-alone simulator does by default.
 *
 * <p>Every entry has a {@code kind}; an entry with an {@code id} replaces earlier ones of the same kind and id.
 */
final class SimulatorJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenSimulator.class);
    static final String FILE_NAME = "journal.jsonl";
    /** An entry of this kind removes the entry of {@link #DELETED_KIND} with the same id. */
    static final String DELETION_KIND = "deleted";
    private static final String DELETED_KIND = "deleted_kind";

    private final Path file;
    private final FileChannel channel;
    private final List<ObjectNode> entries;

    private SimulatorJournal(Path file, FileChannel channel, List<ObjectNode> entries) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    /** A journal that keeps nothing: what an in-memory simulator uses. */
    static SimulatorJournal none() {
        return new SimulatorJournal(null, null, List.of());
    }

    /** Opens (or creates) the journal in {@code directory} and reads back what it holds. */
    static SimulatorJournal in(Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(FILE_NAME);
            List<ObjectNode> entries = Files.exists(file) ? read(file) : List.of();
            rewrite(file, entries);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new SimulatorJournal(file, channel, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("the HeyGen simulator cannot keep its state in " + directory, e);
        }
    }

    /** The entries read when the journal was opened, oldest first, each kind and id once (the latest). */
    List<ObjectNode> entries() {
        return entries;
    }

    boolean keeps() {
        return channel != null;
    }

    Path file() {
        return file;
    }

    /** Writes one entry and forces it to disk: once this returns, a restart finds it. */
    synchronized void append(ObjectNode entry) {
        if (channel == null) {
            return;
        }
        try {
            ByteBuffer line = ByteBuffer.wrap((JsonInput.JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("the HeyGen simulator could not write to " + file, e);
        }
    }

    /** An entry that removes the entry of {@code kind} named {@code id}. */
    static ObjectNode deletion(String kind, String id) {
        ObjectNode entry = JsonInput.JSON.createObjectNode();
        entry.put("kind", DELETION_KIND);
        entry.put(DELETED_KIND, kind);
        entry.put("id", id);
        return entry;
    }

    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn(HeyGenSimulator.LOG_PREFIX + "closing {} failed: {}", file, e.toString());
        }
    }

    private static List<ObjectNode> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<ObjectNode> read = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode entry = JsonInput.JSON.readTree(line);
                if (entry instanceof ObjectNode object && object.hasNonNull("kind")) {
                    read.add(object);
                    continue;
                }
            } catch (JsonProcessingException e) {
                // answered below
            }
            if (i < lines.size() - 1) {
                throw new IOException(file + " line " + (i + 1) + " is not a journal entry; refusing to guess what the simulator accepted");
            }
            LOG.warn(HeyGenSimulator.LOG_PREFIX + "dropped the last line of {}: it was cut short (the simulator stopped while writing it)", file);
        }
        return latestOnly(read);
    }

    /** Keeps, for each kind and id, the last entry (and nothing of what a deletion removed), in the order they came. */
    private static List<ObjectNode> latestOnly(List<ObjectNode> read) {
        Map<String, Integer> lastIndex = new HashMap<>();
        for (int i = 0; i < read.size(); i++) {
            String identity = identity(read.get(i));
            if (identity != null) {
                lastIndex.put(identity, i);
            }
        }
        List<ObjectNode> kept = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            ObjectNode entry = read.get(i);
            String identity = identity(entry);
            boolean superseded = identity != null && lastIndex.get(identity) != i;
            boolean deletion = DELETION_KIND.equals(entry.path("kind").asText());
            if (!superseded && !deletion) {
                kept.add(entry);
            }
        }
        return List.copyOf(kept);
    }

    /** Kind and id; {@code null} for an entry without an id, which nothing replaces. A deletion shares what it deletes. */
    private static String identity(ObjectNode entry) {
        JsonNode id = entry.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        String kind = entry.path("kind").asText();
        return (DELETION_KIND.equals(kind) ? entry.path(DELETED_KIND).asText() : kind) + "\n" + id.asText();
    }

    private static void rewrite(Path file, List<ObjectNode> entries) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        for (ObjectNode entry : entries) {
            text.append(JsonInput.JSON.writeValueAsString(entry)).append('\n');
        }
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        // Webhook secrets are in it: readable by the owner only, where the file system knows owners.
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
