package io.fieldcast.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.platform.launcher.ServiceGroup;
import io.fieldcast.platform.launcher.ServiceProcess;
import io.fieldcast.simulator.api.HttpApi;
import io.fieldcast.simulator.run.Stats;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * After a demo day with several instances of every service: what each instance answers, what the databases hold,
 * against what the simulator was told was accepted. Every count that should be 0 says how the platform failed as a
 * cluster if it is not.
 *
 * @param pingsAccepted           pings the phones were told were accepted (history and today)
 * @param pingsInHistory          GPS fixes in eta-service's history
 * @param lost                    accepted pings missing from the history
 * @param tapsLost                taps the phones were told were accepted, missing from tech-mobile-api's record
 * @param duplicateTexts          texts handed to the carrier that repeat the appointment's text before word for word
 * @param positionsMissing        technicians with pings today that an instance of dispatch-service does not place
 * @param solvesFromOtherInstance a solve started on one instance followed and explained on another ("ok"), or why
 *                                not
 * @param replansRunTwice         re-plan requests that ran on two instances (same territory-day, time and reasons)
 * @param scheduledRunsDuplicated scheduled slots claimed more than once (a primary key forbids it; a non-zero figure
 *                                means the claim table lost it)
 * @param scheduledInstances      instances that ran scheduled work (work shared, or not)
 * @param unfinishedVisits        today's visits neither completed, failed nor canceled when the day is over
 * @param spread                  the smallest share of connections any instance got from its balancer, among the
 *                                services that got at least {@value #BUSY} connections (one kept-alive connection
 *                                of a quiet client stays with one instance)
 * @param hops                    events one service wrote to its outbox that another service's consumer handled
 * @param hopP50Ms                median wall-clock milliseconds of such a hop, from the writer's transaction to the
 *                                handler's processed mark (outbox relay, broker, consumer poll; {@link #HOPS})
 * @param hopP95Ms                the same, 95th percentile
 */
public record ClusterChecks(int instances, long pingsAccepted, long pingsInHistory, long lost, long tapsLost,
                            long duplicateTexts,
                            int positionsMissing, String solvesFromOtherInstance, long replansRunTwice,
                            long scheduledRunsDuplicated, long scheduledInstances, long unfinishedVisits,
                            double spread, long hops, double hopP50Ms, double hopP95Ms) {

    private static final List<String> SCHEMAS = List.of("dispatch", "eta", "mobile", "notify");
    static final int BUSY = 20;

    /** How long the last taps of the day may take to reach dispatch through the broker (a loaded machine, a kill). */
    static final Duration SETTLE = Duration.ofSeconds(30);
    /** Texts that repeat the one before them to the same appointment word for word. */
    static final String DUPLICATE_TEXTS = """
            select count(*) from (
                select body, lag(body) over (partition by appointment_id order by handed_at, id) as before
                from notify.notification where handed_at is not null) t
            where body = before""";

    /**
     * Every hop of an event between two services: its outbox row (stamped by the writer's transaction) joined to the
     * processed-event mark of each other service that handled it (stamped by the handler's), both the database's
     * wall clock. On a simulated day at 600x, 100 ms of a hop is a minute of the day the platform sees late.
     */
    static String hopsSql() {
        StringBuilder union = new StringBuilder();
        for (String from : SCHEMAS) {
            for (String to : SCHEMAS) {
                if (!from.equals(to)) {
                    union.append(union.isEmpty() ? "" : " union all ").append("select extract(epoch from p.processed_at")
                            .append(" - o.created_at) * 1000 as ms from ").append(from).append(".outbox o join ")
                            .append(to).append(".processed_event p using (event_id)");
                }
            }
        }
        return "select count(*), coalesce(percentile_cont(0.5) within group (order by ms), 0), "
                + "coalesce(percentile_cont(0.95) within group (order by ms), 0) from (" + union + ") h";
    }

    static final String HOPS = hopsSql();

    /**
     * Today's visits not final in dispatch. The last taps of the day travel phone → mobile → broker → dispatch after
     * the simulated day has ended: counted again until none is left or {@link #SETTLE} has passed.
     */
    static long unfinished(Connection db, LocalDate today) throws SQLException, InterruptedException {
        String sql = "select count(*) from dispatch.appointment where service_date = date '" + today
                + "' and status not in ('COMPLETED', 'CANNOT_COMPLETE', 'CANCELED')";
        long deadline = System.nanoTime() + SETTLE.toNanos();
        long unfinished = count(db, sql);
        while (unfinished > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            unfinished = count(db, sql);
        }
        if (unfinished > 0) {
            // Which ones, for whoever reads the failure: status and technician of each.
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql.replace("count(*)",
                    "id, status, technician_id"))) {
                while (rs.next()) {
                    System.out.printf(Locale.ROOT, "unfinished visit %s: %s, technician %s%n", rs.getString(1),
                            rs.getString(2), rs.getString(3));
                }
            }
        }
        return unfinished;
    }

    /**
     * A count that reaches {@code expected} once what is in flight has arrived: the last pings of the day travel phone
     * → mobile → broker → eta-service after the simulated day has ended (and through a rebalance when an instance was
     * killed). Counted again until it is reached or {@link #SETTLE} has passed; what is still missing then is lost.
     */
    static long settled(Connection db, String sql, long expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        long n = count(db, sql);
        while (n < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            n = count(db, sql);
        }
        return n;
    }

    /** Measures a finished demo whose services still run. */
    public static ClusterChecks measure(Demo demo, Kpis kpis, Map<String, String> env) throws Exception {
        List<ServiceGroup> services = demo.services();
        LocalDate today = kpis.date();
        try (Connection db = connect(env)) {
            Stats stats = demo.stats();
            long inHistory = settled(db, "select count(*) from eta.gps_ping", stats.pingsAccepted());
            long lost = Math.max(0, stats.pingsAccepted() - inHistory);
            long tapsLost = Math.max(0, stats.tapsAccepted() - count(db, "select count(*) from mobile.visit_status_change"));
            // A customer sees a duplicate when a text repeats the one before it word for word (a window moved
            // away and back again is two changes, not a duplicate).
            long duplicateTexts = count(db, DUPLICATE_TEXTS);
            long replansTwice = count(db, """
                    select coalesce(sum(n - 1), 0) from (
                        select count(*) as n from dispatch.replan_outcome
                        group by territory_id, service_date, requested_at, reasons having count(*) > 1) d""");
            long claims = 0;
            long distinctClaims = 0;
            Set<String> scheduled = new HashSet<>();
            for (String schema : SCHEMAS) {
                claims += count(db, "select count(*) from " + schema + ".cluster_job_run");
                distinctClaims += count(db, "select count(distinct (job, slot)) from " + schema
                        + ".cluster_job_run");
                try (Statement s = db.createStatement();
                     ResultSet rs = s.executeQuery("select distinct instance from " + schema + ".cluster_job_run")) {
                    while (rs.next()) {
                        scheduled.add(schema + ":" + rs.getString(1));
                    }
                }
            }
            long unfinished = unfinished(db, today);
            Set<String> pinged = strings(db, "select distinct technician_id from eta.gps_ping where device_time >= "
                    + "timestamp with time zone '" + today + " 00:00:00+00' - interval '1 day'");

            ServiceGroup dispatch = services.stream().filter(g -> g.module().equals("dispatch-service")).findFirst()
                    .orElseThrow();
            String token = demo.dispatcherToken();
            int missing = 0;
            for (ServiceProcess instance : dispatch.instances()) {
                JsonNode positions = new HttpApi(HttpClient.newHttpClient(), instance.url())
                        .call("GET", "/api/positions?territory=" + demo.territoryId(), null, token, Set.of(200))
                        .body();
                Set<String> placed = new HashSet<>();
                positions.forEach(p -> placed.add(p.path("technicianId").asText()));
                missing += (int) pinged.stream().filter(t -> !placed.contains(t)).count();
            }
            String solves = dispatch.instances().size() < 2 ? "n/a"
                    : solveOnOneFollowOnAnother(db, dispatch, demo.territoryId(), today, token);
            long hops;
            double hopP50;
            double hopP95;
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(HOPS)) {
                rs.next();
                hops = rs.getLong(1);
                hopP50 = rs.getDouble(2);
                hopP95 = rs.getDouble(3);
            }
            return new ClusterChecks(dispatch.instances().size(), stats.pingsAccepted(), inHistory, lost, tapsLost,
                    duplicateTexts, missing, solves, replansTwice, claims - distinctClaims, scheduled.size(),
                    unfinished, spread(services), hops, hopP50, hopP95);
        }
    }

    /** Starts a solve of the day on the first instance, then follows and explains it through the second. */
    private static String solveOnOneFollowOnAnother(Connection db, ServiceGroup dispatch, String territory,
                                                    LocalDate day, String token) throws Exception {
        HttpApi first = new HttpApi(HttpClient.newHttpClient(), dispatch.instances().get(0).url());
        HttpApi second = new HttpApi(HttpClient.newHttpClient(), dispatch.instances().get(1).url());
        String plan = "/api/plans/" + territory + "/" + day;
        first.call("POST", plan + "/solve", Map.of("seconds", 2), token, Set.of(202));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (System.nanoTime() < deadline && !"SOLVED".equals(status)) {
            Thread.sleep(300);
            status = second.call("GET", plan, null, token, Set.of(200)).body().path("status").asText();
        }
        if (!"SOLVED".equals(status)) {
            return "second-instance-saw-" + status;
        }
        String holder = strings(db, "select instance_url from dispatch.plan_solve where territory_id = '"
                + territory + "' and service_date = date '" + day + "'").stream().findFirst().orElse("none");
        if (!holder.equals(dispatch.instances().get(0).url())) {
            return "held-by-" + holder;
        }
        JsonNode analysis = second.call("GET", plan + "/analysis", null, token, Set.of(200)).body();
        return analysis.isMissingNode() ? "no-analysis" : "ok";
    }

    /** The smallest share among busy services' instances; -1 when no service was busy enough to tell. */
    private static double spread(List<ServiceGroup> services) {
        double smallest = -1;
        for (ServiceGroup g : services) {
            Map<Integer, Long> byInstance = g.connectionsByInstance();
            long total = byInstance.values().stream().mapToLong(Long::longValue).sum();
            if (total < BUSY) {
                continue;
            }
            for (long n : byInstance.values()) {
                double share = (double) n / total;
                smallest = smallest < 0 ? share : Math.min(smallest, share);
            }
        }
        return smallest;
    }

    /** The platform's database, as the services reach it. */
    static Connection connect(Map<String, String> env) throws SQLException {
        String url = env.getOrDefault("FIELDCAST_PG_URL", "postgresql://localhost:15432/fieldcast");
        return DriverManager.getConnection("jdbc:" + url, env.getOrDefault("FIELDCAST_PG_USER", "postgres"),
                env.getOrDefault("FIELDCAST_PG_PASSWORD", "postgres"));
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> strings(Connection db, String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The figures as {@code key=value} pairs for a BENCH line. */
    public String figures() {
        return String.format(Locale.ROOT, "instances=%d pings_accepted=%d pings_in_history=%d lost=%d taps_lost=%d "
                        + "duplicate_texts=%d positions_missing=%d solves_from_other_instance=%s replans_run_twice=%d "
                        + "scheduled_runs_duplicated=%d scheduled_instances=%d unfinished_visits=%d spread=%.2f "
                        + "event_hops=%d event_hop_p50_ms=%.0f event_hop_p95_ms=%.0f",
                instances, pingsAccepted, pingsInHistory, lost, tapsLost, duplicateTexts, positionsMissing,
                solvesFromOtherInstance, replansRunTwice, scheduledRunsDuplicated, scheduledInstances,
                unfinishedVisits, spread, hops, hopP50Ms, hopP95Ms);
    }
}
