package io.ticketing.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The query side: controllers → application query services → projections; controllers touch no store. */
@AnalyzeClasses(packages = {"io.ticketing.query", "io.ticketing.projections"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule controllersLiveInApiPackages = classes()
            .that().areAnnotatedWith(RestController.class)
            .should().resideInAPackage("io.ticketing.query..api..");

    @ArchTest
    static final ArchRule apiReachesOnlyTheApplicationLayer = noClasses()
            .that().resideInAPackage("io.ticketing.query..api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ticketing.projections..",
                    "jakarta.persistence..", "org.springframework.data..", "org.springframework.jdbc..",
                    "java.sql..", "org.apache.kafka..", "org.springframework.kafka..", "io.lettuce..",
                    "org.axonframework..");

    @ArchTest
    static final ArchRule projectionsKnowNothingOfTheQuerySide = noClasses()
            .that().resideInAPackage("io.ticketing.projections..")
            .should().dependOnClassesThat().resideInAPackage("io.ticketing.query..");
}
