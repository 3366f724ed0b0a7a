package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.avatarvideo.adapters.storage.FileSystemFileStorage;
import dev.avatarvideo.adapters.web.JavalinServer;
import dev.avatarvideo.adapters.web.WebClassReachingIntoStorage;
import dev.avatarvideo.client.ClientClassUsingTheDomain;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.DomainClassImportingJavalin;
import dev.avatarvideo.domain.VideoId;
import org.junit.jupiter.api.Test;

/**
 * A rule that cannot fail checks nothing. These tests feed the rules deliberate violations (kept in test sources, so
 * the product never contains them) and expect each to be reported.
 */
class ArchitectureRulesCatchViolationsTest {

    @Test
    void aWebClassUsingAStorageAdapterBreaksTheLayers() {
        JavaClasses classes = new ClassFileImporter().importClasses(WebClassReachingIntoStorage.class, FileSystemFileStorage.class, JavalinServer.class);

        EvaluationResult result = ArchitectureRules.layers().evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("WebClassReachingIntoStorage").contains("FileSystemFileStorage"));
    }

    @Test
    void aDomainClassImportingJavalinBreaksTheNoFrameworkRule() {
        JavaClasses classes = new ClassFileImporter().importClasses(DomainClassImportingJavalin.class, AvatarVideo.class);

        EvaluationResult result = ArchitectureRules.coreUsesNoFramework().evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("DomainClassImportingJavalin").contains("io.javalin.http.Context"));
    }

    @Test
    void aClientClassUsingTheDomainBreaksTheClientRuleAndTheLayers() {
        JavaClasses classes = new ClassFileImporter().importClasses(ClientClassUsingTheDomain.class, VideoId.class);

        EvaluationResult standsAlone = ArchitectureRules.clientStandsAlone().evaluate(classes);
        EvaluationResult layers = ArchitectureRules.layers().evaluate(classes);

        assertThat(standsAlone.hasViolation()).isTrue();
        assertThat(standsAlone.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("ClientClassUsingTheDomain").contains("VideoId"));
        assertThat(layers.hasViolation()).isTrue();
    }

    @Test
    void theProductionCodeItselfHasNoSuchViolation() {
        assertThat(ArchitectureTest.PRODUCTION.contain(WebClassReachingIntoStorage.class)).isFalse();
        assertThat(ArchitectureTest.PRODUCTION.contain(DomainClassImportingJavalin.class)).isFalse();
        assertThat(ArchitectureTest.PRODUCTION.contain(ClientClassUsingTheDomain.class)).isFalse();
    }
}
