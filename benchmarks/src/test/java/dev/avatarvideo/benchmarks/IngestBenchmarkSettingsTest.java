package dev.avatarvideo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingest harness's options pick the rows to run, so a follow-up need not redo the whole pass. */
class IngestBenchmarkSettingsTest {

    @Test
    void storageAndSizesNarrowTheFullPass() {
        IngestBenchmark.Settings settings = IngestBenchmark.Settings.fromArguments(List.of("--storage", "s3", "--size-gib", "1,2"));

        assertThat(settings.storages()).containsExactly("s3");
        assertThat(settings.sizes()).containsExactly(1L << 30, 2L << 30);
        assertThat(settings.serviceHeap()).isEqualTo("128m");
    }

    @Test
    void mebibytesMakeAQuickPassOnASharedMachine() {
        IngestBenchmark.Settings settings = IngestBenchmark.Settings.fromArguments(List.of("--size-mib", "64,256"));

        assertThat(settings.sizes()).containsExactly(64L << 20, 256L << 20);
        assertThat(settings.storages()).containsExactly("filesystem", "s3");
        assertThatThrownBy(() -> IngestBenchmark.Settings.fromArguments(List.of("--size-mib", "0.5"))).hasMessageContaining("--size-mib");
    }

    @Test
    void withoutOptionsTheFullPassRunsAndSmokeStaysSmall() {
        assertThat(IngestBenchmark.Settings.fromArguments(List.of())).isEqualTo(IngestBenchmark.Settings.full());
        assertThat(IngestBenchmark.Settings.fromArguments(List.of("--smoke", "--storage", "filesystem")).sizes())
                .isEqualTo(IngestBenchmark.Settings.smoke().sizes());
    }

    @Test
    void anUnknownStorageOrSizeIsRefusedByName() {
        assertThatThrownBy(() -> IngestBenchmark.Settings.fromArguments(List.of("--storage", "minio")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--storage");
        assertThatThrownBy(() -> IngestBenchmark.Settings.fromArguments(List.of("--storage")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--storage");
        assertThatThrownBy(() -> IngestBenchmark.Settings.fromArguments(List.of("--size-gib", "1.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--size-gib");
    }
}
