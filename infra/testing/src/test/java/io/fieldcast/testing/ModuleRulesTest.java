package io.fieldcast.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.fieldcast.events.Topics;
import io.fieldcast.testing.config.PlacedSettings;
import io.smallrye.config.ConfigMapping;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared rules catch what they say they catch, and nothing else. */
class ModuleRulesTest {

    @Test
    void timeIsDataCatchesEveryWayToReadTheWallClock() {
        for (Class<?> reader : new Class<?>[]{CallsInstantNow.class, ReferencesInstantNow.class, TodayInAZone.class,
                ReadsMillis.class, BuildsTheSystemClock.class}) {
            assertTrue(violates(ModuleRules.timeIsData(), reader), reader.getSimpleName() + " reads the wall clock");
        }
    }

    @Test
    void timeIsDataLetsTheInjectedClockAndDurationsThrough() {
        assertFalse(violates(ModuleRules.timeIsData(), UsesTheInjectedClock.class));
    }

    @Test
    void noOtherServiceAllowsTheServiceItselfAndEvents() {
        assertFalse(violates(ModuleRules.noOtherService("io.fieldcast.testing"), UsesAnotherModule.class));
        assertTrue(violates(ModuleRules.noOtherService("io.fieldcast.elsewhere"), UsesAnotherModule.class));
    }

    @Test
    void settingsAreNamedSettingsAndLiveInConfig() {
        assertFalse(violates(ModuleRules.settingsNamedAndPlaced("io.fieldcast.testing"), PlacedSettings.class));
        assertTrue(violates(ModuleRules.settingsNamedAndPlaced("io.fieldcast.testing"), MisplacedSettings.class));
        assertTrue(violates(ModuleRules.settingsNamed(), MisnamedConfig.class));
        assertFalse(violates(ModuleRules.settingsNamed(), MisplacedSettings.class));
    }

    private static boolean violates(ArchRule rule, Class<?> type) {
        JavaClasses classes = new ClassFileImporter().importClasses(type);
        return rule.evaluate(classes).hasViolation();
    }

    static class CallsInstantNow {
        Instant now() {
            return Instant.now();
        }
    }

    static class ReferencesInstantNow {
        Supplier<Instant> now() {
            return Instant::now;
        }
    }

    static class TodayInAZone {
        LocalDate today() {
            return LocalDate.now(ZoneOffset.UTC);
        }
    }

    static class ReadsMillis {
        long now() {
            return System.currentTimeMillis();
        }
    }

    static class BuildsTheSystemClock {
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    static class UsesTheInjectedClock {
        private final Clock clock;

        UsesTheInjectedClock(Clock clock) {
            this.clock = clock;
        }

        LocalDate today() {
            return LocalDate.now(clock.withZone(ZoneOffset.UTC));
        }

        long tookNanos(Instant since) {
            long start = System.nanoTime();
            return Instant.now(clock).isAfter(since) ? System.nanoTime() - start : 0;
        }
    }

    static class UsesAnotherModule {
        String topic() {
            return Topics.ALL.getFirst() + TestClock.fixedAt(Instant.EPOCH);
        }
    }

    @ConfigMapping(prefix = "misplaced")
    interface MisplacedSettings {
    }

    @ConfigMapping(prefix = "misnamed")
    interface MisnamedConfig {
    }
}
