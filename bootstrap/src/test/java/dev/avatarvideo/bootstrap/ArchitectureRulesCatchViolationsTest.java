package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.avatarvideo.adapters.storage.FileSystemFileStorage;
import dev.avatarvideo.adapters.web.JavalinServer;
import dev.avatarvideo.adapters.web.VaguelyNamedClasses;
import dev.avatarvideo.adapters.web.WebClassReachingIntoStorage;
import dev.avatarvideo.application.port.in.InPortWrittenAsAClass;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideo;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.out.OutPortWrittenAsAClass;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.application.service.ServiceUsingJackson3;
import dev.avatarvideo.client.ClientClassUsingTheDomain;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.DomainClassImportingJavalin;
import dev.avatarvideo.domain.DomainClassReadingTheEnvironment;
import dev.avatarvideo.domain.VideoId;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rule that cannot fail checks nothing. These tests feed every rule deliberate violations (kept in test sources, so
 * the product never contains them) and expect each to be reported, naming the offender; a rule added to
 * {@link ArchitectureRules} without a planted violation here fails {@link #everyRuleHasAPlantedViolation()}.
 */
class ArchitectureRulesCatchViolationsTest {

    /**
     * A planted violation: the rule (by its method's name), the classes it is evaluated on (the offender and what it
     * touches), and words the failure report must contain.
     */
    record Planted(String rule, Supplier<ArchRule> check, List<Class<?>> classes, List<String> reported) {

        @Override
        public String toString() {
            return rule + " catches " + reported;
        }
    }

    /** The offenders, which the product must never contain. */
    private static final List<Class<?>> FIXTURES = List.of(WebClassReachingIntoStorage.class, DomainClassImportingJavalin.class,
            ClientClassUsingTheDomain.class, DomainClassReadingTheEnvironment.class, ServiceUsingJackson3.class, OutPortWrittenAsAClass.class,
            InPortWrittenAsAClass.class, VaguelyNamedClasses.class);

    static Stream<Planted> planted() {
        return Stream.of(
                new Planted("layers", ArchitectureRules::layers,
                        List.of(WebClassReachingIntoStorage.class, FileSystemFileStorage.class, JavalinServer.class),
                        List.of("WebClassReachingIntoStorage", "FileSystemFileStorage")),
                new Planted("layers", ArchitectureRules::layers, List.of(ClientClassUsingTheDomain.class, VideoId.class),
                        List.of("ClientClassUsingTheDomain")),
                new Planted("coreUsesNoFramework", ArchitectureRules::coreUsesNoFramework,
                        List.of(DomainClassImportingJavalin.class, AvatarVideo.class),
                        List.of("DomainClassImportingJavalin", "io.javalin.http.Context")),
                new Planted("coreUsesNoFramework", ArchitectureRules::coreUsesNoFramework, List.of(ServiceUsingJackson3.class),
                        List.of("ServiceUsingJackson3", "tools.jackson.databind")),
                new Planted("clientStandsAlone", ArchitectureRules::clientStandsAlone, List.of(ClientClassUsingTheDomain.class, VideoId.class),
                        List.of("ClientClassUsingTheDomain", "VideoId")),
                new Planted("domainUsesOnlyTheJdkItNeeds", ArchitectureRules::domainUsesOnlyTheJdkItNeeds,
                        List.of(DomainClassReadingTheEnvironment.class, AvatarVideo.class),
                        List.of("DomainClassReadingTheEnvironment", "java.nio.file.Files", "java.lang.System")),
                new Planted("domainUsesOnlyTheJdkItNeeds", ArchitectureRules::domainUsesOnlyTheJdkItNeeds,
                        List.of(DomainClassImportingJavalin.class), List.of("DomainClassImportingJavalin", "io.javalin.http.Context")),
                new Planted("outPortsAreInterfaces", ArchitectureRules::outPortsAreInterfaces, List.of(OutPortWrittenAsAClass.class, Videos.class),
                        List.of("OutPortWrittenAsAClass")),
                new Planted("inPortsAreInterfacesOrInputs", ArchitectureRules::inPortsAreInterfacesOrInputs,
                        List.of(InPortWrittenAsAClass.class, GenerateAvatarVideo.class, GenerateAvatarVideoCommand.class),
                        List.of("InPortWrittenAsAClass")),
                new Planted("namesExplainThemselves", ArchitectureRules::namesExplainThemselves,
                        List.of(VaguelyNamedClasses.class, VaguelyNamedClasses.RoutesImpl.class, VaguelyNamedClasses.RequestManager.class,
                                VaguelyNamedClasses.JsonHelper.class, VaguelyNamedClasses.PathUtil.class, VaguelyNamedClasses.HeaderUtils.class),
                        List.of("RoutesImpl", "RequestManager", "JsonHelper", "PathUtil", "HeaderUtils")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("planted")
    void eachRuleCatchesItsPlantedViolation(Planted planted) {
        EvaluationResult result = planted.check().get().evaluate(new ClassFileImporter().importClasses(planted.classes()));

        assertThat(result.hasViolation()).as("%s reports a violation", planted.rule()).isTrue();
        for (String word : planted.reported()) {
            assertThat(result.getFailureReport().getDetails()).as("the report of %s", planted.rule())
                    .anySatisfy(line -> assertThat(line).contains(word));
        }
    }

    /** What a planted violation sits next to is itself fine: only the offender breaks the rule. */
    @Test
    void theClassesNextToEachOffenderKeepTheRules() {
        assertThat(ArchitectureRules.outPortsAreInterfaces().evaluate(new ClassFileImporter().importClasses(Videos.class)).hasViolation()).isFalse();
        assertThat(ArchitectureRules.inPortsAreInterfacesOrInputs()
                .evaluate(new ClassFileImporter().importClasses(GenerateAvatarVideo.class, GenerateAvatarVideoCommand.class)).hasViolation()).isFalse();
        assertThat(ArchitectureRules.domainUsesOnlyTheJdkItNeeds().evaluate(new ClassFileImporter().importClasses(AvatarVideo.class)).hasViolation())
                .isFalse();
    }

    @Test
    void everyRuleHasAPlantedViolation() {
        List<String> rules = Arrays.stream(ArchitectureRules.class.getDeclaredMethods())
                .filter(method -> Modifier.isStatic(method.getModifiers()) && method.getReturnType() == ArchRule.class)
                .map(Method::getName).sorted().toList();

        assertThat(planted().map(Planted::rule).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(rules);
    }

    @Test
    void theProductionCodeItselfHasNoSuchViolation() {
        assertThat(FIXTURES).noneMatch(ArchitectureTest.PRODUCTION::contain);
        assertThat(ArchitectureTest.PRODUCTION.contain(WebClassReachingIntoStorage.class)).isFalse();
        assertThat(ArchitectureTest.PRODUCTION.contain(DomainClassImportingJavalin.class)).isFalse();
        assertThat(ArchitectureTest.PRODUCTION.contain(ClientClassUsingTheDomain.class)).isFalse();
    }
}
