package dev.avatarvideo.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.DependencyProbe;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bootstrap only wires: every port is implemented in an adapter module (or a service), where the layer rules see it.
 * A decorator written in bootstrap (metering, retries, a wake-up) is an adapter that escaped its layer.
 */
class BootstrapImplementsNoPortTest {

    private static final String PORTS = "dev.avatarvideo.application.port.";

    /** Implementing an in- or out-port, directly or through a superclass; anonymous classes count, lambdas leave no class. */
    static ArchRule bootstrapImplementsNoPort() {
        return classes().that().resideInAPackage("dev.avatarvideo.bootstrap..")
                .should(new ArchCondition<>("implement no port") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        Stream.concat(javaClass.getAllRawSuperclasses().stream(), javaClass.getAllRawInterfaces().stream())
                                .filter(type -> type.getPackageName().startsWith(PORTS))
                                .forEach(port -> events.add(SimpleConditionEvent.violated(javaClass,
                                        javaClass.getName() + " implements the port " + port.getName())));
                    }
                })
                .because("bootstrap only wires; what implements a port is an adapter and belongs in an adapter module");
    }

    @Test
    void noProductionClassInBootstrapImplementsAPort() {
        bootstrapImplementsNoPort().check(ArchitectureTest.PRODUCTION);
    }

    @Test
    void aBootstrapClassImplementingAPortIsCaughtAnonymousOnesToo() {
        JavaClasses classes = new ClassFileImporter().importClasses(BootstrapClassImplementingAPort.class,
                BootstrapClassImplementingAPort.probe().getClass(), Clock.class, DependencyProbe.class);

        EvaluationResult result = bootstrapImplementsNoPort().evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("BootstrapClassImplementingAPort").contains(Clock.class.getName()))
                .anySatisfy(line -> assertThat(line).contains("BootstrapClassImplementingAPort$1").contains(DependencyProbe.class.getName()));
    }

    @Test
    void thePlantedViolationIsNoPartOfTheProduct() {
        assertThat(ArchitectureTest.PRODUCTION.contain(BootstrapClassImplementingAPort.class)).isFalse();
    }
}
