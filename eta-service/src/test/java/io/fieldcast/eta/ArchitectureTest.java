package io.fieldcast.eta;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.fieldcast.testing.ModuleRules;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The package layers of eta-service, top to bottom: ops (the operations page, its read model and resource, a
 * slice of its own beside rest) and rest → forecast → model and report (which never see each other)
 * → trips → history and road; config is used by any layer and uses none. A dependency may only point down: forecast
 * reads history, history never calls forecast. The README's "Packages and layers" says what goes where.
 */
@AnalyzeClasses(packages = ArchitectureTest.SERVICE, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String SERVICE = "io.fieldcast.eta";

    private static final String OPS = "Ops";
    private static final String REST = "Rest";
    private static final String FORECAST = "Forecast";
    private static final String MODEL = "Model";
    private static final String REPORT = "Report";
    private static final String TRIPS = "Trips";
    private static final String HISTORY = "History";
    private static final String ROAD = "Road";
    private static final String CONFIG = "Config";

    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer(OPS).definedBy("io.fieldcast.eta.ops..")
            .layer(REST).definedBy("io.fieldcast.eta.rest..")
            .layer(FORECAST).definedBy("io.fieldcast.eta.forecast..")
            .layer(MODEL).definedBy("io.fieldcast.eta.model..")
            .layer(REPORT).definedBy("io.fieldcast.eta.report..")
            .layer(TRIPS).definedBy("io.fieldcast.eta.trips..")
            .layer(HISTORY).definedBy("io.fieldcast.eta.history..")
            .layer(ROAD).definedBy("io.fieldcast.eta.road..")
            .layer(CONFIG).definedBy("io.fieldcast.eta.config..")

            .whereLayer(OPS).mayNotBeAccessedByAnyLayer()
            .whereLayer(REST).mayNotBeAccessedByAnyLayer()
            .whereLayer(FORECAST).mayOnlyBeAccessedByLayers(REST)
            .whereLayer(MODEL).mayOnlyBeAccessedByLayers(REST, FORECAST)
            .whereLayer(REPORT).mayOnlyBeAccessedByLayers(REST, FORECAST)
            .whereLayer(TRIPS).mayOnlyBeAccessedByLayers(REST, FORECAST, MODEL, REPORT)
            .whereLayer(HISTORY).mayOnlyBeAccessedByLayers(REST, FORECAST, MODEL, REPORT, TRIPS)
            .whereLayer(ROAD).mayOnlyBeAccessedByLayers(OPS, REST, FORECAST, MODEL, REPORT, TRIPS)
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
