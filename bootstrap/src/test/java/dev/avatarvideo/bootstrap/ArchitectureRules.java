package dev.avatarvideo.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;

/** The hexagon's fine fence (the Maven graph is the hard one), as rules other tests can evaluate. */
final class ArchitectureRules {

    static final Map<String, String> LAYERS = Map.ofEntries(
            Map.entry("Domain", "dev.avatarvideo.domain.."),
            Map.entry("InPorts", "dev.avatarvideo.application.port.in.."),
            Map.entry("OutPorts", "dev.avatarvideo.application.port.out.."),
            Map.entry("Services", "dev.avatarvideo.application.service.."),
            Map.entry("HeyGenAdapter", "dev.avatarvideo.adapters.heygen.."),
            Map.entry("InboundWebhooks", "dev.avatarvideo.inbound.."),
            Map.entry("StorageAdapter", "dev.avatarvideo.adapters.storage.."),
            Map.entry("PersistenceAdapter", "dev.avatarvideo.adapters.persistence.."),
            Map.entry("WebAdapter", "dev.avatarvideo.adapters.web.."),
            Map.entry("NotificationsAdapter", "dev.avatarvideo.adapters.notifications.."),
            Map.entry("RuntimeAdapter", "dev.avatarvideo.adapters.runtime.."),
            Map.entry("Client", "dev.avatarvideo.client.."),
            Map.entry("Bootstrap", "dev.avatarvideo.bootstrap.."),
            Map.entry("HeyGenSimulator", "dev.avatarvideo.heygen.simulator.."));

    /** Frameworks and I/O libraries the core may never touch. {@code tools.jackson} is Jackson 3's package. */
    static final String[] FRAMEWORKS = {
            "io.javalin..", "org.eclipse.jetty..", "org.jdbi..", "software.amazon.awssdk..", "com.fasterxml.jackson..",
            "tools.jackson..", "java.sql..", "javax.sql..", "java.net.http..", "org.postgresql..", "com.zaxxer..",
            "org.flywaydb..", "org.slf4j..", "ch.qos.logback..", "dev.failsafe..", "com.github.benmanes.caffeine..",
            "io.micrometer..", "io.prometheus.."};

    /**
     * The JDK packages the domain may use whole: the language itself (records, lambdas and pattern switches compile to
     * {@code java.lang.invoke} and {@code java.lang.runtime}), collections, time, and character sets. Derived from what
     * the domain uses (jdeps over its classes); a new package joins this list only with a reason.
     */
    static final String[] DOMAIN_JDK_PACKAGES = {
            "java.lang", "java.lang.invoke", "java.lang.runtime", "java.util", "java.util.function", "java.util.regex",
            "java.util.stream", "java.time", "java.nio.charset"};

    /**
     * Single JDK classes the domain may use from packages it may not use whole: addresses as values and IP literals
     * parsed (never looked up) for the SSRF screens, hashes and randomness for keys and secrets, and the stream a stored
     * object's content comes as.
     */
    static final Class<?>[] DOMAIN_JDK_CLASSES = {
            URI.class, URISyntaxException.class, URLEncoder.class, InetAddress.class, Inet4Address.class, UnknownHostException.class,
            MessageDigest.class, NoSuchAlgorithmException.class, SecureRandom.class,
            InputStream.class, IOException.class, UncheckedIOException.class};

    /** Parts of {@code java.lang} that reach outside the process or its clock: the domain is handed these, never takes them. */
    static final Class<?>[] DOMAIN_FORBIDDEN_JAVA_LANG = {System.class, Runtime.class, Thread.class, ProcessBuilder.class, Process.class};

    /** Name endings that say a class has not found its job yet. */
    static final String[] VAGUE_NAME_ENDINGS = {"Impl", "Manager", "Helper", "Util", "Utils"};

    private ArchitectureRules() {
    }

    static ArchRule layers() {
        var architecture = layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.avatarvideo..");
        var layered = architecture.layer("Domain").definedBy(LAYERS.get("Domain"));
        for (String layer : new String[] {"InPorts", "OutPorts", "Services", "HeyGenAdapter", "InboundWebhooks", "StorageAdapter",
                "PersistenceAdapter", "WebAdapter", "NotificationsAdapter", "RuntimeAdapter", "Bootstrap", "HeyGenSimulator", "Client"}) {
            layered = layered.layer(layer).definedBy(LAYERS.get(layer));
        }
        return layered
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("InPorts", "OutPorts", "Services", "HeyGenAdapter",
                        "StorageAdapter", "PersistenceAdapter", "WebAdapter", "NotificationsAdapter", "RuntimeAdapter", "Bootstrap")
                // HeyGen's adapter is a driving one too: it hands HeyGen's webhook calls to the core.
                .whereLayer("InPorts").mayOnlyBeAccessedByLayers("Services", "WebAdapter", "HeyGenAdapter", "Bootstrap")
                .whereLayer("OutPorts").mayOnlyBeAccessedByLayers("Services", "HeyGenAdapter", "StorageAdapter",
                        "PersistenceAdapter", "NotificationsAdapter", "RuntimeAdapter", "Bootstrap")
                .whereLayer("Services").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("HeyGenAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
                // The seam through which the web server hosts webhooks other adapters answer; it knows no layer of ours.
                .whereLayer("InboundWebhooks").mayOnlyBeAccessedByLayers("WebAdapter", "HeyGenAdapter", "Bootstrap")
                .whereLayer("InboundWebhooks").mayNotAccessAnyLayer()
                .whereLayer("StorageAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("PersistenceAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("WebAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("NotificationsAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("RuntimeAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("HeyGenSimulator").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
                // The client talks HTTP to the service and is used by others' code, never by ours.
                .whereLayer("Client").mayNotAccessAnyLayer()
                .whereLayer("Client").mayNotBeAccessedByAnyLayer()
                .ensureAllClassesAreContainedInArchitecture();
    }

    /** The client ships to the platform on its own: nothing of the service's may leak into it. */
    static ArchRule clientStandsAlone() {
        return noClasses().that().resideInAPackage("dev.avatarvideo.client..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.avatarvideo..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.avatarvideo.client..")))
                .because("the client speaks only the service's HTTP API");
    }

    static ArchRule coreUsesNoFramework() {
        return noClasses().that().resideInAnyPackage("dev.avatarvideo.domain..", "dev.avatarvideo.application..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("the core speaks the business's words; frameworks belong in adapters");
    }

    /** An allowlist, not a ban list: whatever the domain uses outside itself is named above, and nothing else. */
    static ArchRule domainUsesOnlyTheJdkItNeeds() {
        DescribedPredicate<JavaClass> allowed = JavaClass.Predicates.resideInAPackage("dev.avatarvideo.domain..")
                .or(JavaClass.Predicates.resideInAnyPackage(DOMAIN_JDK_PACKAGES)
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(DOMAIN_FORBIDDEN_JAVA_LANG))))
                .or(JavaClass.Predicates.belongToAnyOf(DOMAIN_JDK_CLASSES));
        return classes().that().resideInAPackage("dev.avatarvideo.domain..")
                .should().onlyDependOnClassesThat(allowed.as("are the domain's own or on its JDK allowlist"))
                .because("the domain is pure business rules: no I/O, no environment, no threads, no framework");
    }

    static ArchRule namesExplainThemselves() {
        var rule = noClasses().that().resideInAPackage("dev.avatarvideo..").should().haveSimpleNameEndingWith(VAGUE_NAME_ENDINGS[0]);
        for (int i = 1; i < VAGUE_NAME_ENDINGS.length; i++) {
            rule = rule.orShould().haveSimpleNameEndingWith(VAGUE_NAME_ENDINGS[i]);
        }
        return rule.because("a name that needs Impl, Manager, Helper or Util has not found its job yet");
    }

    static ArchRule outPortsAreInterfaces() {
        return classes().that().resideInAPackage("dev.avatarvideo.application.port.out..")
                .and().areTopLevelClasses()
                .and().areNotAssignableTo(Throwable.class)
                .should().beInterfaces()
                .because("out-ports are capabilities the core needs, implemented by adapters");
    }

    static ArchRule inPortsAreInterfacesOrInputs() {
        return classes().that().resideInAPackage("dev.avatarvideo.application.port.in..")
                .and().areTopLevelClasses()
                .should().beInterfaces()
                .orShould().beRecords()
                .because("an in-port is a use case (interface) or the input it takes (a self-validating record)");
    }
}
