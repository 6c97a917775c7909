package io.fieldcast.notify;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.fieldcast.testing.ModuleRules;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The package layers of customer-notify, top to bottom: entry points (rest, sms) → messaging (the consumers and the
 * reminder scheduler) → channel (sending due rows) and persistence (queuing the policy's decisions), which never see
 * each other → tracking (the tracking page and the signed links persistence puts into texts) → templates and contacts
 * (the read model of each appointment) → policy (pure decisions); webhooks (subscriptions, their recorder and
 * deliverer) stands beside the entry points and is used by none; config is used by any layer and uses none. A
 * dependency may only point down: messaging asks the policy, the policy never calls back. The README's "Packages and
 * layers" says what goes where.
 */
@AnalyzeClasses(packages = ArchitectureTest.SERVICE, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String SERVICE = "io.fieldcast.notify";

    private static final String ENTRY = "Entry points";
    private static final String WEBHOOKS = "Webhooks";
    private static final String MESSAGING = "Messaging";
    private static final String CHANNEL = "Channel";
    private static final String PERSISTENCE = "Persistence";
    private static final String TRACKING = "Tracking";
    private static final String TEMPLATES = "Templates";
    private static final String CONTACTS = "Contacts";
    private static final String POLICY = "Policy";
    private static final String CONFIG = "Config";

    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer(ENTRY).definedBy("io.fieldcast.notify.rest..", "io.fieldcast.notify.sms..")
            .layer(WEBHOOKS).definedBy("io.fieldcast.notify.webhooks..")
            .layer(MESSAGING).definedBy("io.fieldcast.notify.messaging..")
            .layer(CHANNEL).definedBy("io.fieldcast.notify.channel..")
            .layer(PERSISTENCE).definedBy("io.fieldcast.notify.persistence..")
            .layer(TRACKING).definedBy("io.fieldcast.notify.tracking..")
            .layer(TEMPLATES).definedBy("io.fieldcast.notify.templates..")
            .layer(CONTACTS).definedBy("io.fieldcast.notify.contacts..")
            .layer(POLICY).definedBy("io.fieldcast.notify.policy..")
            .layer(CONFIG).definedBy("io.fieldcast.notify.config..")

            .whereLayer(ENTRY).mayNotBeAccessedByAnyLayer()
            .whereLayer(WEBHOOKS).mayNotBeAccessedByAnyLayer()
            .whereLayer(MESSAGING).mayOnlyBeAccessedByLayers(ENTRY)
            .whereLayer(CHANNEL).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING)
            .whereLayer(PERSISTENCE).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING)
            .whereLayer(TRACKING).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING, CHANNEL, PERSISTENCE)
            .whereLayer(TEMPLATES).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING, CHANNEL, PERSISTENCE, TRACKING)
            .whereLayer(CONTACTS).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING, CHANNEL, PERSISTENCE, TRACKING)
            .whereLayer(POLICY).mayOnlyBeAccessedByLayers(ENTRY, MESSAGING, CHANNEL, PERSISTENCE, TRACKING,
                    TEMPLATES, CONTACTS)
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
