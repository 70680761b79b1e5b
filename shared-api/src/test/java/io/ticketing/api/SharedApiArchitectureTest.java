package io.ticketing.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The shared API is the contract between the sides: it depends on nothing of ours and on no framework but Axon's annotations. */
@AnalyzeClasses(packages = "io.ticketing.api", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedApiArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnlyOnTheJdkAndAxonAnnotations = classes()
            .that().resideInAPackage("io.ticketing.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.ticketing.api..", "java..",
                    "org.axonframework.modelling.command", "org.axonframework.serialization");

    @ArchTest
    static final ArchRule messagesAndValuesAreRecords = classes()
            .that().resideInAPackage("io.ticketing.api..").and().areTopLevelClasses().and().areNotEnums()
            .should().beRecords();
}
