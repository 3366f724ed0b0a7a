package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The production code keeps the hexagon's shape. The {@code benchmarks} module stays outside these layers on purpose: it
 * is built after this module and is not on its class path, and like a test it may see everything — it starts the real
 * wiring and drives it from outside — while nothing of the service may depend on it (the Maven graph forbids that).
 */
class ArchitectureTest {

    /** Test fixtures are not part of the product and sit outside the layers. */
    private static final ImportOption NOT_TEST_SUPPORT = location -> !location.contains("/dev/avatarvideo/testsupport/");
    /** Shared test sources (the application's fakes and contract suites) arrive as a test-jar, not test-classes. */
    private static final ImportOption NOT_TEST_JARS = location -> !location.asURI().toString().contains("-tests.jar");

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(NOT_TEST_SUPPORT)
            .withImportOption(NOT_TEST_JARS)
            .importPackages("dev.avatarvideo");

    /**
     * A layer whose pattern matches nothing would let every rule about it pass. (The other rules select their classes
     * with {@code that()}, and ArchUnit already fails a rule whose selection is empty.)
     */
    @Test
    void everyLayerHasClassesSoNoRuleChecksNothing() {
        ArchitectureRules.LAYERS.forEach((layer, pattern) -> {
            String packagePrefix = pattern.substring(0, pattern.length() - 2);
            assertThat(PRODUCTION.stream().filter(c -> c.getPackageName().startsWith(packagePrefix)))
                    .as("classes in layer %s (%s)", layer, pattern)
                    .isNotEmpty();
        });
    }

    @Test
    void layersOnlyDependInwardAndAdaptersNeverOnEachOther() {
        ArchitectureRules.layers().check(PRODUCTION);
    }

    @Test
    void theClientDependsOnNothingOfTheService() {
        ArchitectureRules.clientStandsAlone().check(PRODUCTION);
    }

    @Test
    void domainAndApplicationImportNoFramework() {
        ArchitectureRules.coreUsesNoFramework().check(PRODUCTION);
    }

    @Test
    void theDomainUsesOnlyTheJdkOnItsAllowlist() {
        ArchitectureRules.domainUsesOnlyTheJdkItNeeds().check(PRODUCTION);
    }

    @Test
    void noClassHasAVagueName() {
        ArchitectureRules.namesExplainThemselves().check(PRODUCTION);
    }

    @Test
    void outPortsAreInterfaces() {
        ArchitectureRules.outPortsAreInterfaces().check(PRODUCTION);
    }

    @Test
    void inPortsAreUseCasesOrTheirInputs() {
        ArchitectureRules.inPortsAreInterfacesOrInputs().check(PRODUCTION);
    }
}
