package io.fieldcast.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The package rules every service shares, for its {@code ArchitectureTest} (ArchUnit). The layers differ per service
 * and stay in that test; what is the same everywhere is here, once. A service checks each rule from an
 * {@code @ArchTest} method taking {@code JavaClasses}: Surefire 3.5.3 does not run {@code @ArchTest} fields.
 */
public final class ModuleRules {

    /**
     * The classes that may read the wall clock, each with why. Keep it short: everything else takes time from an
     * event's timestamp or the injected {@code java.time.Clock}. {@code System.nanoTime()} (how long something took)
     * is not reading the clock and needs no entry.
     */
    public static final Map<String, String> WALL_CLOCK_READERS = Map.of(
            "io.fieldcast.platform.time.ClockProducer",
            "produces the Clock bean everyone injects: the system clock unless a shared clock file is set",
            "io.fieldcast.platform.time.SharedClock",
            "the simulated day's clock: it advances from the real clock at the speed its file says",
            "io.fieldcast.platform.time.DomainTimer",
            "a timer with an operational cadence (publishing counts, purging) runs on real time, whatever speed a"
                    + " simulated day runs at",
            "io.fieldcast.platform.security.TokenIssuer",
            "a token's issued-at and expiry are checked by the JWT layer against real time, also while a simulated"
                    + " day runs at 60x");

    private static final String CONFIG_MAPPING = "io.smallrye.config.ConfigMapping";
    /** The one class that builds Kafka clients, with the service's connection and security settings. */
    public static final String KAFKA_CLIENT_BUILDER = "io.fieldcast.platform.kafka.KafkaClientProperties";
    private static final Set<String> KAFKA_CLIENTS = Set.of("org.apache.kafka.clients.producer.KafkaProducer",
            "org.apache.kafka.clients.consumer.KafkaConsumer", "org.apache.kafka.clients.admin.Admin",
            "org.apache.kafka.clients.admin.AdminClient", "org.apache.kafka.clients.admin.KafkaAdminClient");

    /** The owners of a {@code now()} that reads the system clock unless it is given a {@code Clock}. */
    private static final Set<String> HAS_NOW = Set.of("java.time.Instant", "java.time.LocalDate",
            "java.time.LocalDateTime", "java.time.LocalTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime",
            "java.time.OffsetTime", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");

    private ModuleRules() {
    }

    /**
     * The module rules every service keeps, as one rule: no other service ({@link #noOtherService}), time from the
     * injected clock ({@link #timeIsData}), typed settings named and placed ({@link #settingsNamedAndPlaced}), Kafka
     * clients from the platform ({@link #kafkaClientsFromThePlatform}).
     */
    public static ArchRule everyService(String servicePackage) {
        return CompositeArchRule.of(noOtherService(servicePackage)).and(timeIsData())
                .and(settingsNamedAndPlaced(servicePackage)).and(kafkaClientsFromThePlatform());
    }

    /**
     * A Kafka producer, consumer or admin client is built by {@link #KAFKA_CLIENT_BUILDER} only, so none connects
     * without the service's security settings (a client built elsewhere would reach a secured cluster in plain text,
     * or not at all).
     */
    public static ArchRule kafkaClientsFromThePlatform() {
        return noClasses().that().doNotHaveFullyQualifiedName(KAFKA_CLIENT_BUILDER)
                .should().accessTargetWhere(DescribedPredicate.describe("build a Kafka client",
                        access -> access.getTarget() instanceof CodeUnitAccessTarget target
                                && KAFKA_CLIENTS.contains(target.getOwner().getName())
                                && (target.getName().equals("<init>") || target.getName().equals("create"))))
                .as("Kafka clients are built by " + KAFKA_CLIENT_BUILDER + " only, with the service's connection and"
                        + " security settings")
                .allowEmptyShould(true);
    }

    /**
     * Other services are reached through events on Kafka, never through their classes: no class depends on
     * {@code io.fieldcast..} outside {@code servicePackage} and the shared {@code events}, {@code roadnetwork} and
     * {@code platform}.
     *
     * @param servicePackage the service's root package, e.g. {@code io.fieldcast.dispatch}
     */
    public static ArchRule noOtherService(String servicePackage) {
        return noClasses()
                .should().dependOnClassesThat(resideInAPackage("io.fieldcast..").and(not(resideInAnyPackage(
                        servicePackage + "..", "io.fieldcast.events..", "io.fieldcast.roadnetwork..",
                        "io.fieldcast.platform.."))))
                .as("no class of " + servicePackage + " depends on another service (only on events, road-network"
                        + " and platform)");
    }

    /**
     * Time is data: domain logic takes time from event timestamps or the injected {@code java.time.Clock}, so tests
     * and the simulated day (60x-1200x) control it. No class calls {@code Instant.now()}, any other
     * {@code java.time} {@code now(…)} without a {@code Clock}, {@code System.currentTimeMillis()} or
     * {@code Clock.systemUTC()}/{@code systemDefaultZone()}/{@code system(zone)}, as a call or a method reference;
     * only the {@link #WALL_CLOCK_READERS} do (with their nested classes).
     */
    public static ArchRule timeIsData() {
        return noClasses().that(not(belongToAnyOf(WALL_CLOCK_READERS.keySet())))
                .should().accessTargetWhere(readsTheWallClock())
                .as("time is data: no class reads the wall clock (Instant.now(), now() without a Clock,"
                        + " System.currentTimeMillis(), Clock.systemUTC()); time comes from the injected Clock or"
                        + " an event's timestamp")
                .allowEmptyShould(true);
    }

    /**
     * Typed configuration has one shape: every {@code @ConfigMapping} interface is named {@code …Settings} and lives
     * in the service's {@code config} package.
     *
     * @param servicePackage the service's root package, e.g. {@code io.fieldcast.dispatch}
     */
    public static ArchRule settingsNamedAndPlaced(String servicePackage) {
        return classes().that().areAnnotatedWith(CONFIG_MAPPING)
                .should().haveSimpleNameEndingWith("Settings")
                .andShould().resideInAPackage(servicePackage + ".config")
                .as("every @ConfigMapping of " + servicePackage + " is named …Settings and lives in "
                        + servicePackage + ".config")
                .allowEmptyShould(true);
    }

    /**
     * Every {@code @ConfigMapping} interface is named {@code …Settings}: for {@code platform}, whose settings live
     * with the mechanism they configure ({@code kafka}, {@code outbox}, …) instead of a config package.
     */
    public static ArchRule settingsNamed() {
        return classes().that().areAnnotatedWith(CONFIG_MAPPING)
                .should().haveSimpleNameEndingWith("Settings")
                .as("every @ConfigMapping is named …Settings")
                .allowEmptyShould(true);
    }

    static DescribedPredicate<JavaAccess<?>> readsTheWallClock() {
        return DescribedPredicate.describe("read the wall clock",
                access -> access.getTarget() instanceof CodeUnitAccessTarget target && readsTheWallClock(
                        target.getOwner().getName(), target.getName(),
                        target.getRawParameterTypes().stream().map(JavaClass::getName).toList()));
    }

    private static boolean readsTheWallClock(String owner, String method, List<String> parameters) {
        if (HAS_NOW.contains(owner)) {
            return method.equals("now") && !parameters.equals(List.of("java.time.Clock"));
        }
        return switch (owner) {
            case "java.lang.System" -> method.equals("currentTimeMillis");
            case "java.time.Clock" -> Set.of("systemUTC", "systemDefaultZone", "system").contains(method);
            default -> false;
        };
    }

    /** The class is one of {@code names}, or nested (also anonymously, or as a lambda's host) in one of them. */
    private static DescribedPredicate<JavaClass> belongToAnyOf(Set<String> names) {
        return DescribedPredicate.describe("belong to any of " + names, javaClass -> {
            for (JavaClass c = javaClass; c != null; c = c.getEnclosingClass().orElse(null)) {
                if (names.contains(c.getName())) {
                    return true;
                }
            }
            return false;
        });
    }
}
