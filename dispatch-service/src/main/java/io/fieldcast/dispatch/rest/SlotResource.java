package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.booking.EmergencyReserve;
import io.fieldcast.dispatch.booking.Slot;
import io.fieldcast.dispatch.booking.SlotFinder;
import io.fieldcast.dispatch.booking.SlotSearchTally;
import io.fieldcast.dispatch.booking.WeekCapacity;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;

/** Windows that can really be served, best first. */
@Path("/api/slots")
@Tag(name = "booking")
@RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
public class SlotResource {

    @Inject
    SlotFinder finder;
    @Inject
    JsonWebToken jwt;
    @Inject
    EmergencyReserve reserve;
    @Inject
    WeekCapacity week;
    @Inject
    SlotSearchTally searches;

    @GET
    @Operation(summary = "Arrival windows the current plans can absorb for a job at a place, most comfortable first")
    public List<Slot> slots(@QueryParam("lat") @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                            @QueryParam("lon") @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                            @QueryParam("jobType") @NotBlank @Size(max = 40) String jobType,
                            @QueryParam("from") @NotNull LocalDate from,
                            @QueryParam("to") @NotNull LocalDate to,
                            @QueryParam("territory") @Size(max = 40) String territory) {
        Territory where = finder.territory(territory, lat, lon);
        List<Slot> slots = finder.find(lat, lon, finder.jobType(jobType), where, from, to, null);
        searches.count(where, AppointmentBooked.CHANNEL_CONSOLE, !slots.isEmpty());
        return slots;
    }

    @GET
    @Path("/week")
    @Operation(summary = "A territory's days side by side: per day and technician the shift, the minutes the plan "
            + "takes and the visits (the console's week board)")
    public WeekCapacity.Week week(@QueryParam("territory") @NotBlank @Size(max = 40) String territory,
                                  @QueryParam("from") @NotNull LocalDate from,
                                  @QueryParam("days") @Min(1) @Max(WeekCapacity.MAX_DAYS) Integer days) {
        Access.of(jwt).requireVisible(territory, "territory " + territory);
        return week.of(territory, from, days == null ? 7 : days);
    }

    @GET
    @Path("/reserve")
    @Operation(summary = "What is left of a territory-day's emergency reserve (only emergencies book into it)")
    public EmergencyReserve.Left reserve(@QueryParam("territory") @NotBlank @Size(max = 40) String territory,
                                         @QueryParam("date") @NotNull LocalDate date) {
        Access.of(jwt).requireVisible(territory, "territory " + territory);
        return reserve.of(territory, date);
    }
}
