package dev.avatarvideo.bootstrap;

/** Starts the service from environment variables; see docs/configuration.md. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
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
        System.out.println("  try:      curl -s -X POST " + service.baseUrl() + "/api/videos -H \"Authorization: Bearer $(cat "
                + config.defaultApiKeyFile() + ")\" -H 'Content-Type: application/json' "
                + "-d '{\"title\":\"Hello\",\"scenes\":[{\"avatarId\":\"sim-avatar-anna\",\"voiceId\":\"sim-voice-en-1\",\"script\":\"Hello!\"}]}'");
        System.out.println();
    }
}
