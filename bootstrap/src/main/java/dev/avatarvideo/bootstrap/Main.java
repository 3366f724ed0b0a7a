package dev.avatarvideo.bootstrap;

import java.io.PrintStream;
import java.util.List;

/** Starts the service from environment variables; see docs/configuration.md. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(CreateKeyCommand.NAME)) {
            PrintStream keyOnly = System.out;
            // Log lines go to standard output; here it carries the key alone, so that KEY=$(… create-key …) works.
            System.setOut(System.err);
            System.exit(CreateKeyCommand.run(List.of(args), System.getenv(), keyOnly, System.err));
        }
        Configuration config;
        AvatarVideoService service;
        try {
            config = Configuration.fromEnvironment(System.getenv());
            service = AvatarVideoService.start(config, AvatarVideoService.OnJvmExit.CALLER_CLOSES_SERVICE);
        } catch (CannotStartException e) {
            // One sentence says what is wrong and how to fix it; a stack trace would only bury it.
            System.err.println("avatar-video-service cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "shutdown"));
        System.out.println();
        System.out.println("avatar-video-service is up at " + service.baseUrl() + " (listening on " + config.bindAddress() + ":"
                + service.baseUrl().getPort() + ", public address " + config.publicBaseUrlFor(service.baseUrl().getPort()) + ")");
        System.out.println(config.summary());
        // Printed here, once, and never logged: the key is also in the file, readable by its owner only.
        service.firstTenant().ifPresent(first -> {
            System.out.println();
            System.out.println("  first start: created tenant '" + first.tenantId() + "' with this API key (shown only now; it is also in "
                    + first.keyFile() + "):");
            System.out.println("    " + first.key().value());
        });
        System.out.println(keyInstructions(config));
        System.out.println("  try:      curl -s -X POST " + service.baseUrl() + "/api/videos -H \"Authorization: Bearer $KEY\""
                + " -H 'Content-Type: application/json' "
                + "-d '{\"title\":\"Hello\",\"scenes\":[{\"avatarId\":\"sim-avatar-anna\",\"voiceId\":\"sim-voice-en-1\",\"script\":\"Hello!\"}]}'");
        System.out.println();
    }

    /**
     * How to get an API key on this replica. The first start's key file is on the disk of the replica that made it only;
     * replicas sharing a database (DATABASE_URL) issue a key from the database itself, whichever of them one is on.
     */
    static String keyInstructions(Configuration config) {
        String fromDatabase = "KEY=$(" + CreateKeyCommand.invocation(TenantAccess.DEFAULT_TENANT.value()) + ")";
        if (config.database().isPresent()) {
            return "  API key:  " + fromDatabase + "   # a new key of tenant 'default', issued in the shared database: works on every"
                    + " replica (run it with this service's environment, e.g. kubectl exec)";
        }
        return "  API key:  KEY=$(cat " + config.defaultApiKeyFile() + ")   # the first start's key; or, with the service stopped: "
                + fromDatabase;
    }
}
