package dev.avatarvideo.adapters.runtime;

import dev.avatarvideo.application.port.out.runtime.DependencyProbe;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The readiness probes of the service's dependencies: each one cheap, read-only, and free of secrets in what it says. */
public final class DependencyProbes {

    private static final TenantId PROBE_TENANT = TenantId.of("readiness-probe");

    private DependencyProbes() {
    }

    /** @param reachable answers whether {@code SELECT 1} got through */
    public static DependencyProbe database(BooleanSupplier reachable) {
        return probe("database", () -> reachable.getAsBoolean()
                ? DependencyProbe.Result.up("SELECT 1 answered")
                : DependencyProbe.Result.down("SELECT 1 failed: no connection, or the database refused it"));
    }

    /** The directory files are written to must exist and be writable; the free space is shown for operators. */
    public static DependencyProbe fileSystem(Path root) {
        return probe("storage", () -> {
            if (!Files.isDirectory(root) || !Files.isWritable(root)) {
                return DependencyProbe.Result.down("filesystem: " + root + " is missing or not writable");
            }
            try {
                long free = Files.getFileStore(root).getUsableSpace();
                return DependencyProbe.Result.up("filesystem: " + root + " writable, " + (free / (1024 * 1024)) + " MiB free");
            } catch (IOException e) {
                return DependencyProbe.Result.down("filesystem: cannot read the free space of " + root + ": " + e.getMessage());
            }
        });
    }

    /** Looks up a key that never exists: the bucket answering "not found" is the cheapest proof that it answers at all. */
    public static DependencyProbe bucket(FileStorage storage) {
        return probe("storage", () -> {
            storage.exists(StorageKey.newFor(PROBE_TENANT, "probe"));
            return DependencyProbe.Result.up(storage.providerName() + ": the bucket answers");
        });
    }

    /** HeyGen's cheapest authenticated call; a refused key counts as down, since nothing could be rendered with it. */
    public static DependencyProbe heygen(RendererKeyCheck keyCheck, RendererCredentials key) {
        return probe("heygen", () -> switch (keyCheck.check(key)) {
            case RendererKeyCheck.KeyCheck.Valid valid -> DependencyProbe.Result.up("the API key is accepted");
            case RendererKeyCheck.KeyCheck.Invalid invalid -> DependencyProbe.Result.down("the API key is refused: " + invalid.message());
            case RendererKeyCheck.KeyCheck.Unavailable unavailable -> DependencyProbe.Result.down("unreachable: " + unavailable.reason());
        });
    }

    private static DependencyProbe probe(String name, Supplier<DependencyProbe.Result> check) {
        return new DependencyProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result probe() {
                return check.get();
            }
        };
    }
}
