package io.fieldcast.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.bench.Checkout;
import io.fieldcast.bench.Options;
import io.fieldcast.bench.fuzz.FuzzReport.Failure;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./fieldcast bench fuzz [--requests N] [--seed S] [--port-base P]}: starts the four services on a runtime
 * of their own, seeds a company with two territories, then walks every service's OpenAPI operations, round robin,
 * with requests from {@link RequestGenerator} sent by a caller of every role (and none, a forged and an expired
 * token), one at a time. Prints a table per service, the first findings of each kind, and
 * {@code BENCH fuzz requests=… status_5xx=… stack_traces=… cross_territory_leaks=… cross_technician_leaks=…
 * unaudited_changes=…}.
 */
public final class FuzzBench {

    static final String USAGE = "usage: ./fieldcast bench fuzz [--requests N (10000)] [--seed S (1)] "
            + "[--port-base P (48080: services on P+1..P+4)]";

    private final FuzzHttp http = new FuzzHttp(Duration.ofSeconds(30));
    private final Clock clock = Clock.systemUTC();

    private FuzzBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && Set.of("help", "-h", "--help").contains(args[0])) {
            System.out.println(USAGE);
            return;
        }
        Map<String, String> options = Options.pairs(args);
        int requests = Integer.parseInt(options.getOrDefault("requests", "10000"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        int portBase = Integer.parseInt(options.getOrDefault("port-base", "48080"));
        Path root = Checkout.root();
        Path home = Path.of(System.getenv().getOrDefault("FIELDCAST_HOME", root.resolve(".fieldcast/bench-fuzz")
                .toString()));
        int status = new FuzzBench().run(root, home, requests, seed, portBase);
        System.exit(status);
    }

    private int run(Path root, Path home, int requests, long seed, int portBase) throws Exception {
        try (FuzzPlatform platform = new FuzzPlatform(root, home, portBase)) {
            // Ctrl-C stops the services too (System.exit skips the try's close).
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "fuzz-shutdown"));
            System.err.println("fuzz: starting the four services");
            Map<String, String> urls = platform.start(Seeder.technicianIds(), Seeder.companyJson());
            System.err.println("fuzz: seeding two territories through the APIs");
            ExpiredTokens signer = new ExpiredTokens(Path.of(platform.runtimeEnv().get("FIELDCAST_JWT_PRIVATE_KEY")),
                    clock);
            Seeder.Result seeded = new Seeder(urls, clock).seed(signer);
            Identity admin = seeded.identities().getFirst();
            List<ApiOperation> operations = new ArrayList<>();
            for (var e : urls.entrySet()) {
                List<ApiOperation> ops = ApiOperation.parse(e.getKey(), openApi(e.getValue(), admin.token()));
                System.err.printf(Locale.ROOT, "fuzz: %-16s %d operations%n", e.getKey(), ops.size());
                operations.addAll(ops);
            }
            Path log = home.resolve("logs/fuzz-findings.log");
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            FuzzReport report = new FuzzReport(log);
            try (AuditProbe audit = new AuditProbe(platform.runtimeEnv())) {
                fuzz(platform, urls, seeded, operations, requests, seed, audit, report);
            }
            report.print(System.out);
            List<String> dead = platform.dead();
            if (!dead.isEmpty()) {
                System.out.println("fuzz: services down at the end: " + dead);
                return 1;
            }
            return 0;
        }
    }

    private void fuzz(FuzzPlatform platform, Map<String, String> urls, Seeder.Result seeded,
                      List<ApiOperation> operations, int requests, long seed, AuditProbe audit, FuzzReport report)
            throws Exception {
        World world = seeded.world();
        RequestGenerator generator = new RequestGenerator(world, seed, ZoneId.of(FuzzPlatform.ZONE));
        Checks checks = new Checks(world);
        Sessions sessions = new Sessions(urls.get("tech-mobile-api"), http);
        List<Identity> identities = seeded.identities();
        long t0 = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            ApiOperation op = operations.get(i % operations.size());
            Identity who = identities.get(generator.random().nextInt(identities.size()));
            FuzzRequest request = generator.make(op, who, generator.drawMutation());
            if (op.key().equals("POST /api/auth/logout") && who.isTechnician()) {
                // Logging out the bench's own phone would end its session for the rest of the run: a phone of its own.
                request = sessions.withThrowawaySession(request);
            }
            String base = urls.get(op.service());
            FuzzRequest read = readBack(request, operations, identities.getFirst());
            String readBefore = read == null ? null : http.send(base, read).body();
            long before = op.changes() ? audit.last(op.service()) : 0;
            FuzzHttp.Answer answer = http.send(base, request);
            report.answered(op.service(), answer.status());
            if (answer.status() < 0) {
                report.noAnswer(request, answer.body());
            }
            for (Checks.Finding f : checks.inspect(request, answer)) {
                report.failed(f.failure(), request, f.key(), f.detail());
            }
            if (Checks.needsAudit(request, answer) && audit.last(op.service()) <= before
                    && (read == null || !http.send(base, read).body().equals(readBefore))) {
                report.failed(Failure.UNAUDITED_CHANGE, request, op.service() + " " + op.key(), "answered "
                        + answer.status() + " and wrote no audit row: " + FuzzReport.excerpt(answer.body(), 200));
            }
            if ((i + 1) % 500 == 0 || i + 1 == requests) {
                progress(report, i + 1, requests, t0);
                List<String> dead = platform.dead();
                if (!dead.isEmpty()) {
                    System.err.println("fuzz: " + dead + " no longer answers; stopping (see its log)");
                    return;
                }
            }
        }
    }

    /**
     * For a PUT or PATCH of a resource that has a GET on the same path: that GET, as the admin. A 2xx whose resource
     * reads the same before and after changed nothing (the services answer a no-op change 200 without writing), and
     * needs no audit row.
     */
    private static FuzzRequest readBack(FuzzRequest request, List<ApiOperation> operations, Identity admin) {
        ApiOperation op = request.operation();
        if (!op.method().equals("PUT") && !op.method().equals("PATCH")) {
            return null;
        }
        for (ApiOperation get : operations) {
            if (get.method().equals("GET") && get.path().equals(op.path()) && get.service().equals(op.service())) {
                String path = request.pathAndQuery().replaceFirst("\\?.*$", "");
                return new FuzzRequest(get, admin, "read-back", path, Map.of(), null, null);
            }
        }
        return null;
    }

    private static void progress(FuzzReport report, int done, int total, long t0) throws SQLException {
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf(Locale.ROOT, "fuzz: %d/%d requests (%.0f/s) 5xx=%d stack=%d leaks=%d/%d unaudited=%d%n",
                done, total, done / seconds, report.count(Failure.STATUS_5XX), report.count(Failure.STACK_TRACE),
                report.count(Failure.CROSS_TERRITORY_LEAK), report.count(Failure.CROSS_TECHNICIAN_LEAK),
                report.count(Failure.UNAUDITED_CHANGE));
    }

    /** The service's OpenAPI document: anonymously if it is public, else with the admin's token. */
    private JsonNode openApi(String base, String adminToken) throws Exception {
        URI uri = URI.create(base + "/q/openapi?format=json");
        FuzzHttp.Answer answer = http.exchange(HttpRequest.newBuilder(uri).GET().build());
        if (answer.status() == 401 || answer.status() == 403) {
            answer = http.exchange(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + adminToken)
                    .GET().build());
        }
        if (answer.status() != 200) {
            throw new IllegalStateException(uri + " answered " + answer.status() + ": " + answer.body());
        }
        return Bodies.JSON.readTree(answer.body());
    }
}
