package dev.avatarvideo.benchmarks;

import java.util.Arrays;

/** {@code java -jar benchmarks/target/benchmarks.jar <ingest|api|tracking|scale|slots> [--smoke]}: runs one harness and prints its table. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: java -jar benchmarks/target/benchmarks.jar <ingest|api|tracking|scale|slots> [--smoke]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        System.out.println(Machine.describe());
        System.out.println();
        switch (args[0]) {
            case "ingest" -> IngestBenchmark.main(rest);
            case "api" -> ApiBenchmark.main(rest);
            case "tracking" -> TrackingBenchmark.main(rest);
            case "scale" -> ScaleBenchmark.main(rest);
            case "slots" -> SlotsBenchmark.main(rest);
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "': ingest, api, tracking, scale or slots");
                System.exit(2);
            }
        }
        System.out.println("load at the end: " + Machine.loadAverage());
        System.exit(0);
    }
}
