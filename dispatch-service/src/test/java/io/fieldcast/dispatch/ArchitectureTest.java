package io.fieldcast.dispatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.fieldcast.testing.ModuleRules;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The package layers of dispatch-service, top to bottom: entry points (rest, auth, seed) → messaging → the customer
 * portal → the use cases booking and plan (which never see each other) → solver → persistence, road → domain; config is used by any layer
 * and uses none (the audit trail is platform's AuditLog). A dependency may only point down. The README's "Packages
 * and layers" says what goes where.
 */
@AnalyzeClasses(packages = ArchitectureTest.SERVICE, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String SERVICE = "io.fieldcast.dispatch";

    private static final String ENTRY = "Entry points";
    private static final String MESSAGING = "Messaging";
    private static final String PORTAL = "Portal";
    private static final String BOOKING = "Booking";
    private static final String PLAN = "Plan";
    private static final String SOLVER = "Solver";
    private static final String PERSISTENCE = "Persistence";
    private static final String ROAD = "Road";
    private static final String DOMAIN = "Domain";
    private static final String CONFIG = "Config";

    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer(ENTRY).definedBy("io.fieldcast.dispatch.rest..", "io.fieldcast.dispatch.auth..",
                    "io.fieldcast.dispatch.seed..")
            .layer(MESSAGING).definedBy("io.fieldcast.dispatch.messaging..")
            .layer(PORTAL).definedBy("io.fieldcast.dispatch.portal..")
            .layer(BOOKING).definedBy("io.fieldcast.dispatch.booking..")
            .layer(PLAN).definedBy("io.fieldcast.dispatch.plan..")
            .layer(SOLVER).definedBy("io.fieldcast.dispatch.solver..")
            .layer(PERSISTENCE).definedBy("io.fieldcast.dispatch.persistence..")
            .layer(ROAD).definedBy("io.fieldcast.dispatch.road..")
            .layer(DOMAIN).definedBy("io.fieldcast.dispatch.domain..")
            .layer(CONFIG).definedBy("io.fieldcast.dispatch.config..")

            .whereLayer(ENTRY).mayNotBeAccessedByAnyLayer()
            .whereLayer(MESSAGING).mayOnlyBeAccessedByLayers(ENTRY)
            // The customer portal books and changes through booking, as the console does.
            .whereLayer(PORTAL).mayOnlyBeAccessedByLayers(ENTRY)
            // Booking says that a day changed (a CDI event) instead of calling the re-planner.
            .whereLayer(BOOKING).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING, PORTAL)
            .whereLayer(PLAN).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING)
            .whereLayer(SOLVER).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING, PORTAL, BOOKING, PLAN)
            .whereLayer(PERSISTENCE).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING, PORTAL, BOOKING, PLAN, SOLVER)
            .whereLayer(ROAD).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING, PORTAL, BOOKING, PLAN, SOLVER)
            .whereLayer(DOMAIN).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING, PORTAL, BOOKING, PLAN, SOLVER,
                    PERSISTENCE, ROAD)
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
