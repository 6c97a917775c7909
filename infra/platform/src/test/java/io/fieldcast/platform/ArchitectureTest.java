package io.fieldcast.platform;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import io.fieldcast.testing.ModuleRules;

/**
 * The shared rules, for the library every service builds on: it sees no service, and it is where the few classes
 * that may read the wall clock live ({@link ModuleRules#WALL_CLOCK_READERS}: the clock producer, the shared clock of
 * a simulated day, the token issuer). Its settings live with the mechanism they configure, so only their names are
 * checked.
 */
@AnalyzeClasses(packages = ArchitectureTest.PLATFORM, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String PLATFORM = "io.fieldcast.platform";

    // Rules are checked from methods: Surefire 3.5.3 does not run @ArchTest fields (SUREFIRE-2298).

    @ArchTest
    void platformSeesNoService(JavaClasses classes) {
        ModuleRules.noOtherService(PLATFORM).check(classes);
    }

    @ArchTest
    void timeComesFromTheInjectedClock(JavaClasses classes) {
        ModuleRules.timeIsData().check(classes);
    }

    @ArchTest
    void settingsAreNamedSettings(JavaClasses classes) {
        ModuleRules.settingsNamed().check(classes);
    }

    @ArchTest
    void kafkaClientsAreBuiltWithTheSecuritySettings(JavaClasses classes) {
        ModuleRules.kafkaClientsFromThePlatform().check(classes);
    }
}
