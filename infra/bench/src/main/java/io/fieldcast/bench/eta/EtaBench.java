package io.fieldcast.bench.eta;

import io.fieldcast.eta.forecast.ArrivalForecaster;
import io.fieldcast.eta.forecast.LastChance;
import io.fieldcast.eta.forecast.MovePlacement;
import io.fieldcast.eta.forecast.PublicationPolicy;
import io.fieldcast.eta.forecast.ReplayEvaluation;
import io.fieldcast.eta.forecast.SyntheticFleetDays;
import io.fieldcast.eta.model.LearnedModel;
import io.fieldcast.eta.model.ModelTrainer;
import io.fieldcast.eta.model.SyntheticHistory;
import io.fieldcast.eta.report.EvaluationReport;
import io.fieldcast.eta.report.ReportPage;
import io.fieldcast.eta.road.RoadLeg;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.RoadNetworkConfig;
import io.fieldcast.roadnetwork.Route;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * In-process ETA benchmark on a generated fleet: history of {@code --days-train} days (6 visits a day per
 * technician) -> models, then {@code --days-test} held-out days replayed through forecaster and publication policy.
 * Prints {@code BENCH eta visits=... coverage=... hit_rate=... lead_min_p50=... mae_min=... baseline_hit_rate=...
 * oracle_hit_rate=...}. With {@code --osm FILE} travel times and addresses come from that map's road network;
 * {@code --target P} the publication target, {@code --tick M} minutes between replayed recomputes (5),
 * {@code --max-wait M} the longest expected wait outside a told window (5, as the service), {@code --last-chance-wait M}
 * and {@code --last-chance-lead M} the longer wait allowed once the median arrival is that near (12 and 80, as the
 * service; a lead of 0 turns it off), {@code --last-chance-target P} the probability a window told at its last
 * chance may be kept with when the usual target would cost a longer wait (0.85, as the service; the target turns it
 * off), {@code --move-later-below P} the probability of being kept below which a told window moves later (0.5, as
 * the service; 1: whenever the likeliest hour does), {@code --move-target P} and {@code --move-wait M} where a moved
 * window goes (0.7 within 12 min, as the service: placed like a first window within that wait; 0 the likeliest hour), {@code --promises open} told windows
 * that do not bind, {@code --report FILE} where the HTML report goes.
 * This is the forecasting core of {@code ./fieldcast bench eta}; the simulator-driven end-to-end run (services,
 * Kafka, mined GPS) is still to come.
 */
public final class EtaBench {

    private EtaBench() {
    }

    public static void main(String[] args) {
        int daysTrain = intArg(args, "--days-train", 20);
        int daysTest = intArg(args, "--days-test", 5);
        long seed = intArg(args, "--seed", 42);
        int technicians = intArg(args, "--technicians", 20);
        String osm = arg(args, "--osm", null);
        double target = Double.parseDouble(arg(args, "--target", "0.9"));
        // Minutes between replayed recomputes (besides every tap).
        int tickMinutes = intArg(args, "--tick", 5);
        // How long a technician may be expected to stand outside for a window to be told (told windows bind).
        int maxWaitMinutes = intArg(args, "--max-wait", 5);
        int lastChanceWait = intArg(args, "--last-chance-wait", 12);
        int lastChanceLead = intArg(args, "--last-chance-lead", 80);
        double lastChanceTarget = Double.parseDouble(arg(args, "--last-chance-target", "0.85"));
        double moveTarget = Double.parseDouble(arg(args, "--move-target", "0.7"));
        int moveWait = intArg(args, "--move-wait", 12);
        double moveLaterBelow = Double.parseDouble(arg(args, "--move-later-below", "0.5"));
        // "open": told windows do not bind (arrivals as they come, the window with the most mass).
        boolean bind = !"open".equals(arg(args, "--promises", "bind"));

        // "simulator": the demo simulator's technicians, whose jobs have the tails the running platform lives.
        String fleetName = arg(args, "--fleet", "synthetic");
        SyntheticHistory fleet = switch (fleetName) {
            case "synthetic" -> new SyntheticHistory(seed, technicians);
            case "simulator" -> new SimulatorFleet(seed, technicians);
            default -> throw new IllegalArgumentException("--fleet is synthetic or simulator, not " + fleetName);
        };
        RoadLeg.Timer roads = RoadLeg.straightLine(30 / 3.6, 1.3);
        SyntheticFleetDays.Places places = SyntheticFleetDays.SQUARE;
        RoadNetwork network = null;
        if (osm != null) {
            network = RoadNetwork.open(RoadNetworkConfig.osm(Path.of(osm)));
            RoadNetwork n = network;
            List<GeoPoint> addresses = n.randomResidentialPoints(2000, seed);
            roads = (fLat, fLon, tLat, tLon) -> {
                Route r = n.route(new GeoPoint(fLat, fLon), new GeoPoint(tLat, tLon));
                return new RoadLeg(r.seconds(), r.meters());
            };
            places = random -> {
                GeoPoint p = addresses.get(random.nextInt(addresses.size()));
                return new double[]{p.lat(), p.lon()};
            };
        }
        try {
            long t0 = System.nanoTime();
            LearnedModel learned = ModelTrainer.standard(ModelTrainer.AUTO).train("bench", Instant.EPOCH,
                    fleet.services(daysTrain * 6), fleet.travel(daysTrain * 6), seed, p -> { });
            long trained = System.nanoTime();
            var days = SyntheticFleetDays.days(fleet, technicians, daysTest, roads, places, seed + 1);
            var lastChance = new LastChance(Duration.ofMinutes(lastChanceLead), Duration.ofMinutes(lastChanceWait),
                    lastChanceTarget);
            var forecaster = new ArrivalForecaster(roads, 2000, Duration.ofMinutes(60), Duration.ofMinutes(5),
                    ZoneOffset.UTC, bind ? target : Double.NaN).withLastChance(lastChance)
                    .withMoves(new MovePlacement(moveTarget, Duration.ofMinutes(moveWait)));
            var policy = new PublicationPolicy(target, Duration.ofMinutes(15), 0.1,
                    Duration.ofMinutes(maxWaitMinutes)).withLastChance(lastChance).withMovesLaterBelow(moveLaterBelow);
            var replay = new ReplayEvaluation(forecaster, policy,
                    Duration.ofMinutes(tickMinutes), Duration.ofMinutes(60), Duration.ofMinutes(60));
            ReplayEvaluation.Result result = replay.evaluate(days, learned);
            ReplayEvaluation.Result oracle = replay.evaluate(days, fleet.oracle());
            System.out.printf("model service=%s travel=%s trained in %d ms; %s%n", learned.serviceMethod(),
                    learned.travelMethod(), (trained - t0) / 1_000_000, learned.evaluations());
            System.out.println("calibration (announced->observed per bucket): " + result.calibration()
                    + "; oracle: " + oracle.calibration());
            System.out.printf("told windows %s: idle waiting for them %.1f min per technician-day (oracle %.1f, "
                            + "plan-centred baseline %.1f); working day %.0f min (oracle %.0f)%n",
                    bind ? "bind (max expected wait " + maxWaitMinutes + " min, " + lastChanceWait
                            + " min at the last chance, " + lastChanceLead + " min ahead, down to "
                            + Math.round(100 * lastChanceTarget) + " % likely)" : "do not bind",
                    result.idleMinutesPerDay(), oracle.idleMinutesPerDay(), result.baselineIdleMinutesPerDay(),
                    result.dayMinutes(), oracle.dayMinutes());
            Path report = writeReport(args, learned, result, oracle, "EtaBench --days-train %d --days-test %d --seed %d "
                    .formatted(daysTrain, daysTest, seed) + "--fleet %s --technicians %d --target %s%s%s".formatted(
                    fleetName, technicians, target, osm == null ? "" : " --osm " + osm,
                    bind ? " --max-wait " + maxWaitMinutes + " --last-chance-wait " + lastChanceWait
                            + " --last-chance-lead " + lastChanceLead + " --last-chance-target " + lastChanceTarget
                            + " --move-target " + moveTarget + " --move-wait " + moveWait
                            + " --move-later-below " + moveLaterBelow
                            : " --promises open"));
            System.out.println("report: " + report.toAbsolutePath());
            System.out.printf("BENCH eta visits=%d coverage=%.3f hit_rate=%.3f lead_min_p50=%.0f mae_min=%.1f "
                            + "baseline_hit_rate=%.3f oracle_hit_rate=%.3f oracle_coverage=%.3f "
                            + "idle_min_per_day=%.1f baseline_idle_min_per_day=%.1f final_hit_rate=%.3f "
                            + "moves_per_visit=%.3f%n", result.visits(),
                    result.coverage(), result.hitRate(), result.leadMinutesP50(), result.maeMinutes(),
                    result.baselineHitRate(), oracle.hitRate(), oracle.coverage(), result.idleMinutesPerDay(),
                    result.baselineIdleMinutesPerDay(), result.finalHitRate(), result.movesPerVisit());
        } finally {
            if (network != null) {
                network.close();
            }
        }
    }

    /** The same page as GET /report, self-contained, so the benchmark leaves a picture ({@code --report FILE}). */
    private static Path writeReport(String[] args, LearnedModel learned, ReplayEvaluation.Result result,
                                    ReplayEvaluation.Result oracle, String source) {
        String home = System.getenv("FIELDCAST_HOME");
        Path file = Path.of(arg(args, "--report", home == null ? "target/eta-bench-report.html"
                : home + "/reports/eta-bench-report.html"));
        var comparisons = List.of(new EvaluationReport.Figure("baseline hit rate (plan-centred)",
                        result.baselineHitRate()),
                new EvaluationReport.Figure("oracle hit rate", oracle.hitRate()),
                new EvaluationReport.Figure("oracle coverage", oracle.coverage()),
                new EvaluationReport.Figure("idle min / technician-day waiting for told windows",
                        result.idleMinutesPerDay(), "min"),
                new EvaluationReport.Figure("idle min / technician-day, plan-centred baseline",
                        result.baselineIdleMinutesPerDay(), "min"));
        EvaluationReport report = EvaluationReport.of(source, null, null, Clock.systemUTC().instant(),
                learned.version(), result.outcomes(), ZoneOffset.UTC, EvaluationReport.MIN_LEAD, comparisons);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, ReportPage.selfContained(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        String v = arg(args, name, null);
        return v == null ? fallback : Integer.parseInt(v);
    }
}
