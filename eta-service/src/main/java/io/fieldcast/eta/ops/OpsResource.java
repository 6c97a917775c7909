package io.fieldcast.eta.ops;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The operations page ("is scheduling working?") and its figures: the whole report for the page, and each of its
 * tables alone as JSON or CSV. Dispatchers, supervisors and admins, narrowed to their territories: a request naming
 * another territory is 403 (the platform's TerritoryGuard), one naming none covers the caller's territories only.
 */
@Path("/")
@Tag(name = "ops")
public class OpsResource {

    static final int DEFAULT_DAYS = 28;
    static final String CSV = "text/csv";

    private record Table(Class<? extends Record> type, Function<OpsReport, List<? extends Record>> rows) {
    }

    private static final Map<String, Table> TABLES = Map.of(
            "summary", new Table(OpsReport.Figure.class, OpsReport::summary),
            "daily", new Table(OpsReport.Day.class, OpsReport::daily),
            "technicians", new Table(OpsReport.Technician.class, OpsReport::technicians),
            "territories", new Table(OpsReport.Territory.class, OpsReport::territories),
            "heatmap", new Table(OpsReport.HeatCell.class, OpsReport::heatmap));

    private final OpsStore store;
    private final EtaSettings settings;
    private final Clock clock;
    private final JsonWebToken jwt;

    public OpsResource(OpsStore store, EtaSettings settings, Clock clock, JsonWebToken jwt) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.jwt = jwt;
    }

    @GET
    @Path("ops")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Operations page (static; its script reads /api/ops/report with the user's token)")
    public Response page() {
        return Response.seeOther(java.net.URI.create("/ops/")).build();
    }

    @GET
    @Path("api/ops/report")
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Is scheduling working: bookings, lead time, no-shows, late cancels, reschedules, "
            + "utilization, on time, promise kept, first-visit completion, travel, overtime, texts, admin touch over "
            + "from..to (default the last 28 days, at most a quarter), optionally one territory")
    public Uni<OpsReport> report(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("territory") String territory) {
        return load(from, to, territory);
    }

    @GET
    @Path("api/ops/{table}")
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "One table of the operations report (summary, daily, technicians, territories, heatmap) "
            + "as JSON, or as CSV with format=csv")
    public Uni<Response> table(@PathParam("table") String name, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("territory") String territory,
                               @QueryParam("format") String format) {
        Table table = TABLES.get(name);
        if (table == null) {
            throw ApiException.notFound("table " + name + " (one of " + String.join(", ", TABLES.keySet().stream()
                    .sorted().toList()) + ")");
        }
        boolean csv = "csv".equals(format);
        if (format != null && !csv && !"json".equals(format)) {
            throw ApiException.badRequest("format", "must be csv or json, got '" + format + "'");
        }
        return load(from, to, territory).map(report -> {
            List<? extends Record> rows = table.rows().apply(report);
            if (!csv) {
                return Response.ok(rows, MediaType.APPLICATION_JSON).build();
            }
            String file = "ops-" + name + "-" + report.from() + "-" + report.to()
                    + (report.territory() == null ? "" : "-" + report.territory().replaceAll("[^A-Za-z0-9_-]", "_"))
                    + ".csv";
            return Response.ok(Csv.of(table.type(), rows), CSV + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
        });
    }

    private Uni<OpsReport> load(String fromText, String toText, String territoryText) {
        LocalDate to = blank(toText) ? LocalDate.now(clock.withZone(settings.zone())) : date("to", toText);
        LocalDate from = blank(fromText) ? to.minusDays(DEFAULT_DAYS - 1) : date("from", fromText);
        if (to.isBefore(from)) {
            throw ApiException.badRequest("to", "must not be before from (" + from + ")");
        }
        int maxDays = settings.ops().maxDays();
        if (ChronoUnit.DAYS.between(from, to) + 1 > maxDays) {
            throw ApiException.badRequest("to", "from..to may span at most " + maxDays + " days (a quarter)");
        }
        String territory = blank(territoryText) ? null : territoryText.strip();
        // The TerritoryGuard has refused a territory that is not the caller's (403) before this runs.
        Collection<String> territories = territory != null ? Set.of(territory) : Access.of(jwt).territoryFilter();
        return store.load(from, to, territories).map(facts -> OpsMetrics.of(facts, from, to, territory,
                settings.ops().lateCancel(), clock.instant()));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "must be a date YYYY-MM-DD, got '" + text + "'");
        }
    }
}
