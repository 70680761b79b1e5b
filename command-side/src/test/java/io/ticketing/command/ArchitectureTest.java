package io.ticketing.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Dependency direction inside the command side: api → application → domain, package by capability;
 * controllers never reach JPA, JDBC, Redis or Kafka, nor the event store.
 */
@AnalyzeClasses(packages = "io.ticketing.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnNeitherApplicationNorApi = noClasses()
            .that().resideInAPackage("io.ticketing.command..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ticketing.command..application..", "io.ticketing.command..api..",
                    "org.springframework.web..", "jakarta.servlet..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule applicationDoesNotDependOnApi = noClasses()
            .that().resideInAPackage("io.ticketing.command..application..")
            .should().dependOnClassesThat().resideInAPackage("io.ticketing.command..api..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule controllersLiveInApiPackages = classes()
            .that().areAnnotatedWith(RestController.class)
            .should().resideInAPackage("io.ticketing.command..api..");

    @ArchTest
    static final ArchRule apiReachesOnlyTheApplicationLayer = noClasses()
            .that().resideInAPackage("io.ticketing.command..api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ticketing.command..domain..",
                    "jakarta.persistence..", "org.springframework.data..", "org.springframework.jdbc..",
                    "java.sql..", "org.apache.kafka..", "org.springframework.kafka..", "io.lettuce..",
                    "org.axonframework.eventsourcing..", "org.axonframework.modelling..",
                    "org.axonframework.commandhandling.gateway..", "io.ticketing.infra.redis..",
                    "io.ticketing.infra.kafka..", "io.ticketing.infra.eventstore..");

    @ArchTest
    static final ArchRule domainKnowsNoInfrastructure = noClasses()
            .that().resideInAPackage("io.ticketing.command..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..",
                    "org.apache.kafka..", "org.springframework.kafka..", "io.micrometer..", "io.ticketing.infra..",
                    "com.github.kagkarlsson..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule bookingCapabilitiesArePackagedByLayer = classes()
            .that().resideInAnyPackage("io.ticketing.command.reservation..", "io.ticketing.command.payment..",
                    "io.ticketing.command.seat..")
            .should().resideInAnyPackage("..api..", "..application..", "..domain..");
}
