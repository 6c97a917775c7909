package io.fieldcast.mobile;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.fieldcast.testing.ModuleRules;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The package layers of tech-mobile-api, top to bottom: the phone's use cases auth, ingest and visit (each with its
 * resource; they never see each other) → route (the route read model, which visit checks a tap against) → device
 * (the gate of every technician call) and road (the map's roads) → rest and config. rest holds no resource: it is the
 * HTTP plumbing every resource shares (the body limit, the Retry-After error and its mapper); like config it is used
 * by any layer and uses none. A dependency may only point down. The README's "Packages and layers" says what goes
 * where.
 */
@AnalyzeClasses(packages = ArchitectureTest.SERVICE, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String SERVICE = "io.fieldcast.mobile";

    private static final String AUTH = "Auth";
    private static final String CALENDAR = "Calendar";
    private static final String INGEST = "Ingest";
    private static final String VISIT = "Visit";
    private static final String ROUTE = "Route";
    private static final String DEVICE = "Device";
    private static final String ROAD = "Road";
    private static final String REST = "Rest";
    private static final String CONFIG = "Config";

    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer(AUTH).definedBy("io.fieldcast.mobile.auth..")
            .layer(CALENDAR).definedBy("io.fieldcast.mobile.calendar..")
            .layer(INGEST).definedBy("io.fieldcast.mobile.ingest..")
            .layer(VISIT).definedBy("io.fieldcast.mobile.visit..")
            .layer(ROUTE).definedBy("io.fieldcast.mobile.route..")
            .layer(DEVICE).definedBy("io.fieldcast.mobile.device..")
            .layer(ROAD).definedBy("io.fieldcast.mobile.road..")
            .layer(REST).definedBy("io.fieldcast.mobile.rest..")
            .layer(CONFIG).definedBy("io.fieldcast.mobile.config..")

            .whereLayer(AUTH).mayNotBeAccessedByAnyLayer()
            .whereLayer(CALENDAR).mayNotBeAccessedByAnyLayer()
            .whereLayer(INGEST).mayNotBeAccessedByAnyLayer()
            .whereLayer(VISIT).mayNotBeAccessedByAnyLayer()
            .whereLayer(ROUTE).mayOnlyBeAccessedByLayers(AUTH, CALENDAR, INGEST, VISIT)
            .whereLayer(DEVICE).mayOnlyBeAccessedByLayers(AUTH, CALENDAR, INGEST, VISIT, ROUTE)
            .whereLayer(ROAD).mayOnlyBeAccessedByLayers(AUTH, INGEST, VISIT, ROUTE)
            .whereLayer(REST).mayNotAccessAnyLayer()
            .whereLayer(CONFIG).mayNotAccessAnyLayer()

            // A new package has to take its place in the order above.
            .ensureAllClassesAreContainedInArchitecture();

    // Rules are checked from methods: Surefire 3.5.3 does not run @ArchTest fields (SUREFIRE-2298).

    @ArchTest
    void dependenciesPointDownTheLayersOnly(JavaClasses classes) {
        LAYERS.check(classes);
    }

    /** No other service, time from the injected clock, settings named and placed: the rules every service keeps. */
    @ArchTest
    void keepsTheModuleRules(JavaClasses classes) {
        ModuleRules.everyService(SERVICE).check(classes);
    }
}
