package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.domain.JobType;
import io.fieldcast.dispatch.portal.IntakeForm;
import io.fieldcast.dispatch.domain.Json;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.domain.TechnicianAbsence;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.plan.Replanner;
import io.fieldcast.dispatch.rest.ReferenceDtos.AbsenceBody;
import io.fieldcast.dispatch.rest.ReferenceDtos.JobTypeBody;
import io.fieldcast.dispatch.rest.ReferenceDtos.TechnicianBody;
import io.fieldcast.dispatch.rest.ReferenceDtos.TerritoryBody;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Territories, job types and technicians: configured by admins, read by dispatchers. */
@Path("/api")
@Tag(name = "reference data")
public class ReferenceResource {

    @Inject
    Replanner replanner;

    @Inject
    AuditLog audit;
    @Inject
    Roads roads;
    @Inject
    JsonWebToken jwt;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    TechnicianWrites technicians;

    @GET
    @Path("/territories")
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The territories you work in (every one for admins)")
    public Uni<List<Territory>> territories() {
        Access access = Access.of(jwt);
        return Panache.withSession(() -> access.territoryFilter() == null ? Territory.<Territory>list("order by id")
                : Territory.<Territory>list("id in ?1 order by id", access.territoryFilter()));
    }

    @PUT
    @Path("/territories/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a territory")
    public Uni<Territory> putTerritory(@PathParam("id") String id, @Valid @NotNull TerritoryBody body) {
        sameId(id, body.id());
        try {
            ZoneId.of(body.timeZone());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("timeZone", "unknown time zone '" + body.timeZone() + "'");
        }
        return Panache.withTransaction(() -> Territory.<Territory>findById(id).chain(existing -> {
            Territory t = existing != null ? existing : new Territory();
            t.id = id;
            t.name = body.name();
            t.timeZone = body.timeZone();
            t.centerLat = body.centerLat();
            t.centerLon = body.centerLon();
            t.radiusKm = body.radiusKm();
            t.windowProfile = body.windowProfile();
            t.emergencyReservePct = body.emergencyReservePct() == null ? 15 : body.emergencyReservePct();
            return t.persist().chain(() -> audit.record("territory", id, existing == null ? "CREATED" : "UPDATED",
                    jwt.getName(), null, null, body)).replaceWith(t);
        }));
    }

    @GET
    @Path("/job-types")
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    public Uni<List<JobType>> jobTypes() {
        return Panache.withSession(() -> JobType.<JobType>listAll());
    }

    @PUT
    @Path("/job-types/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a job type")
    public Uni<JobType> putJobType(@PathParam("code") String code, @Valid @NotNull JobTypeBody body) {
        sameId(code, body.code());
        IntakeForm intake = IntakeForm.checked(body.intake());
        return Panache.withTransaction(() -> JobType.<JobType>findById(code).chain(existing -> {
            JobType j = existing != null ? existing : new JobType();
            j.code = code;
            j.name = body.name();
            j.defaultDurationMin = body.defaultDurationMin();
            j.requiredSkills = Json.write(body.requiredSkills() == null ? Map.of() : body.requiredSkills());
            j.intake = intake.json();
            j.bookableOnline = body.bookableOnline() == null || body.bookableOnline();
            j.cancelCutoffMin = body.cancelCutoffMin() == null ? 120 : body.cancelCutoffMin();
            return j.persist().chain(() -> audit.record("job_type", code, existing == null ? "CREATED" : "UPDATED",
                    jwt.getName(), null, null, body)).replaceWith(j);
        }));
    }

    @GET
    @Path("/technicians")
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Technicians of a territory, or of all your territories")
    public Uni<List<Technician>> technicians(@QueryParam("territory") @Size(max = 40) String territory) {
        Access access = Access.of(jwt);
        return Panache.withSession(() -> territory != null
                ? Technician.<Technician>list("territoryId = ?1 order by id", territory)
                : access.territoryFilter() == null ? Technician.<Technician>list("order by id")
                : Technician.<Technician>list("territoryId in ?1 order by id", access.territoryFilter()));
    }

    @GET
    @Path("/technicians/{id}")
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    public Uni<Technician> technician(@PathParam("id") @Size(max = 64) String id) {
        Access access = Access.of(jwt);
        return Panache.withSession(() -> Technician.<Technician>findById(id))
                .onItem().ifNull().failWith(() -> ApiException.notFound("technician " + id))
                .invoke(t -> access.requireVisible(t.territoryId, "technician " + id));
    }

    @PUT
    @Path("/technicians/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a technician (skills, weekly shifts, break rule)")
    public Uni<Technician> putTechnician(@PathParam("id") String id, @Valid @NotNull TechnicianBody body) {
        sameId(id, body.id());
        return Panache.withTransaction(() -> technicians.put(body, jwt.getName()));
    }

    @POST
    @Path("/technicians/{id}/absences")
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Operation(summary = "Record that a technician is out (sick, vacation) for some days")
    public Uni<TechnicianAbsence> absence(@PathParam("id") String id, @Valid @NotNull AbsenceBody body) {
        if (body.lastDay().isBefore(body.firstDay())) {
            throw ApiException.badRequest("lastDay", "must not be before firstDay");
        }
        String[] territory = new String[1];
        Access access = Access.of(jwt);
        return Panache.withTransaction(() -> Technician.findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("technician " + id))
                .chain(found -> {
                    Technician tech = (Technician) found;
                    access.requireVisible(tech.territoryId, "technician " + id);
                    territory[0] = tech.territoryId;
                    TechnicianAbsence a = new TechnicianAbsence();
                    a.id = UUID.randomUUID();
                    a.technicianId = id;
                    a.firstDay = body.firstDay();
                    a.lastDay = body.lastDay();
                    a.kind = body.kind();
                    a.note = body.note();
                    return a.persist().chain(() -> audit.record("technician", id, "ABSENCE_" + body.kind(),
                            jwt.getName(), body.note(), null, body)).replaceWith(a);
                }))
                // Only after the commit: a re-plan asked for before it could still solve with the technician at work.
                .invoke(() -> body.firstDay().datesUntil(body.lastDay().plusDays(1)).limit(2)
                        .forEach(day -> replanner.onChange(territory[0], day,
                                "technician " + id + " unavailable (" + body.kind() + ")")));
    }

    private static void sameId(String path, String body) {
        if (!path.equals(body)) {
            throw ApiException.badRequest("id", "body id '" + body + "' differs from the path '" + path + "'");
        }
    }
}
