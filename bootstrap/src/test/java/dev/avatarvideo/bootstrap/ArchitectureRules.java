package dev.avatarvideo.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
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

    /** Frameworks and I/O libraries the core may never touch. */
    static final String[] FRAMEWORKS = {
            "io.javalin..", "org.eclipse.jetty..", "org.jdbi..", "software.amazon.awssdk..", "com.fasterxml.jackson..",
            "java.sql..", "javax.sql..", "java.net.http..", "org.postgresql..", "com.zaxxer..", "org.flywaydb..",
            "org.slf4j..", "ch.qos.logback..", "dev.failsafe..", "com.github.benmanes.caffeine..",
            "io.micrometer..", "io.prometheus.."};

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
