package io.fieldcast.eta.rest;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.eta.model.ModelStore;
import io.fieldcast.eta.report.EvaluationReport;
import io.fieldcast.eta.report.OutcomeStore;
import io.fieldcast.eta.report.ReportPage;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The evaluation report: a public page with no data in it, and the figures behind it for dispatchers and admins
 * (the page's script sends the bearer token the user gives it; a browser navigation could not).
 */
@Path("/")
@Tag(name = "report")
public class ReportResource {

    static final int MAX_DAYS = 92;
    static final int DEFAULT_DAYS = 14;

    private final OutcomeStore outcomes;
    private final ModelStore models;
    private final EtaSettings settings;
    private final Clock clock;

    public ReportResource(OutcomeStore outcomes, ModelStore models, EtaSettings settings, Clock clock) {
        this.outcomes = outcomes;
        this.models = models;
        this.settings = settings;
        this.clock = clock;
    }

    @GET
    @Path("report")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Evaluation report page (static; its script reads /api/report with the user's token)")
    public String page() {
        return ReportPage.index();
    }

    @GET
    @Path("api/report")
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "First published window per visit vs the learned arrival, over route days from..to "
            + "(default: the last 14 days): coverage, hit rate, MAE, lead time, calibration, by hour/technician/horizon")
    public Uni<EvaluationReport> report(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
        LocalDate to = toText == null || toText.isBlank() ? LocalDate.now(clock.withZone(settings.zone()))
                : date("to", toText);
        LocalDate from = fromText == null || fromText.isBlank() ? to.minusDays(DEFAULT_DAYS - 1)
                : date("from", fromText);
        if (to.isBefore(from)) {
            throw ApiException.badRequest("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw ApiException.badRequest("to", "from..to may span at most " + MAX_DAYS + " days");
        }
        String current = models.current().version();
        return outcomes.between(from, to).map(list -> EvaluationReport.of("eta-service", from.toString(),
                to.toString(), clock.instant(), current, list, settings.zone(), EvaluationReport.MIN_LEAD, List.of()));
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "must be a date YYYY-MM-DD, got '" + text + "'");
        }
    }
}
