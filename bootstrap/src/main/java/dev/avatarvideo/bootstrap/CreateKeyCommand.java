package dev.avatarvideo.bootstrap;

import static dev.avatarvideo.bootstrap.AvatarVideoService.CLOCK;

import dev.avatarvideo.application.port.in.tenant.IssuedApiKey;
import dev.avatarvideo.domain.TenantId;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code create-key --tenant ID [--name NAME]}: issues an API key of a tenant straight in the database the
 * configuration names, prints it on standard output (nothing else goes there) and exits. Run with the service's own
 * environment it works from any replica, or from any machine that reaches the database: the way to the first key when
 * replicas share a database but not a disk, where the first start's key file is on one replica's disk only. On a
 * database without any tenant it creates the tenant first, as a first start would.
 */
final class CreateKeyCommand {

    static final String NAME = "create-key";
    private static final String KEY_NAME = "issued by " + NAME;

    private CreateKeyCommand() {
    }

    /** Answers the exit status: 0 with the key printed on {@code out}, 2 with the reason on {@code err}. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Optional<String> tenant = option(args, "--tenant");
        if (tenant.isEmpty() || args.size() % 2 == 0) {
            err.println("usage: " + NAME + " --tenant ID [--name NAME]   (prints a new API key of the tenant; the configuration comes from the"
                    + " environment, as for the service)");
            return 2;
        }
        try (Running running = new Running()) {
            TenantId tenantId = TenantId.of(tenant.get());
            Configuration config = Configuration.fromEnvironment(env);
            Optional<DataDirectoryLock> dataDir = StartChecks.lockDataDirectory(config, running);
            config.database().ifPresent(StartChecks::requireDatabaseAnswers);
            Persistence persistence = Persistence.connect(config, dataDir, AvatarVideoService.OnJvmExit.DATABASE_STOPS_ITSELF, running);
            Optional<IssuedApiKey> issued = issue(TenantAccess.wire(config, persistence), tenantId, option(args, "--name").orElse(KEY_NAME));
            if (issued.isEmpty()) {
                err.println("there is no tenant '" + tenantId.value() + "'; create it with POST /admin/tenants (see the README)");
                return 2;
            }
            out.println(issued.get().token().value());
            return 0;
        } catch (CannotStartException | IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            return 2;
        }
    }

    private static Optional<IssuedApiKey> issue(TenantAccess access, TenantId tenant, String keyName) {
        Optional<IssuedApiKey> first = access.tenants().createFirst(tenant, keyName).map(created -> created.firstKey());
        if (first.isPresent()) {
            return first;
        }
        boolean exists = access.tenants().list().stream().anyMatch(t -> t.id().equals(tenant));
        return exists ? Optional.of(access.apiKeys().issue(tenant, keyName)) : Optional.empty();
    }

    private static Optional<String> option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 1 && at + 1 < args.size() ? Optional.of(args.get(at + 1)) : Optional.empty();
    }

    /** How a person runs this command on this machine, for the start banner. */
    static String invocation(String tenant) {
        return launcher() + " " + NAME + " --tenant " + tenant;
    }

    private static String launcher() {
        try {
            Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                return "java -jar " + code;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Not from a jar (an IDE, the tests): name the jar the build makes.
        }
        return "java -jar avatar-video-service.jar";
    }
}
