package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.portal.PortalDtos;
import io.fieldcast.dispatch.portal.PortalDtos.Booking;
import io.fieldcast.dispatch.portal.PortalDtos.CancelRequest;
import io.fieldcast.dispatch.portal.PortalDtos.CodeRequest;
import io.fieldcast.dispatch.portal.PortalDtos.CodeSent;
import io.fieldcast.dispatch.portal.PortalDtos.Managed;
import io.fieldcast.dispatch.portal.PortalDtos.PortalAddress;
import io.fieldcast.dispatch.portal.PortalDtos.PortalJobType;
import io.fieldcast.dispatch.portal.PortalDtos.PortalSlots;
import io.fieldcast.dispatch.portal.PortalDtos.WindowRequest;
import io.fieldcast.dispatch.portal.PortalService;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The customer portal's API, behind the public booking page ({@code /book/}) and the manage page ({@code /manage/}).
 * Open to anyone, and so narrow: booking needs a one-time code texted to the phone, an appointment is reached only
 * through its manage link (the token in the {@value #LINK_HEADER} header, never in a URL that a log could keep), and
 * answers carry nothing about other customers or technicians.
 */
@Path("/portal/api")
@PermitAll
@Tag(name = "portal")
public class PortalResource {

    /** The manage link's token, as the manage page sends it. */
    public static final String LINK_HEADER = "X-Manage-Link";

    @Inject
    PortalService portal;

    @GET
    @Path("/job-types")
    @Operation(summary = "Jobs customers may book online, with their intake questions")
    public List<PortalJobType> jobTypes() {
        return portal.jobTypes();
    }

    @GET
    @Path("/addresses")
    @Operation(summary = "Addresses on the map matching what the customer typed, e.g. \"12 north st\"")
    public List<PortalAddress> addresses(@QueryParam("q") @NotBlank @Size(min = 2, max = 100) String q,
                                         @QueryParam("limit") @Min(1) @Max(20) Integer limit) {
        return portal.addresses(q, limit == null ? 8 : limit);
    }

    @GET
    @Path("/slots")
    @Operation(summary = "The windows the plans can absorb for a job at a place, in time order")
    public PortalSlots slots(@QueryParam("lat") @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                             @QueryParam("lon") @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                             @QueryParam("jobType") @NotBlank @Size(max = 40) String jobType,
                             @QueryParam("from") LocalDate from,
                             @QueryParam("to") LocalDate to) {
        return portal.slots(lat, lon, jobType, from, to);
    }

    @POST
    @Path("/codes")
    @Operation(summary = "Text a one-time code to the phone the booking is for (a few per phone per quarter hour)")
    public Response code(@Valid @NotNull CodeRequest request) {
        CodeSent sent = portal.sendCode(request);
        return Response.accepted(sent).build();
    }

    @POST
    @Path("/bookings")
    @Operation(summary = "Book one of the offered windows with the intake answers and the texted code")
    public Response book(@Valid @NotNull PortalDtos.BookRequest request) {
        Booking booking = portal.book(request);
        return Response.status(201).entity(booking).build();
    }

    @GET
    @Path("/manage")
    @Operation(summary = "The appointment a manage link names")
    public Managed manage(@HeaderParam(LINK_HEADER) @NotBlank @Size(max = 100) String link) {
        return portal.manage(link);
    }

    @GET
    @Path("/manage/slots")
    @Operation(summary = "Windows the appointment may move to (or be booked again in after a missed visit)")
    public PortalSlots manageSlots(@HeaderParam(LINK_HEADER) @NotBlank @Size(max = 100) String link,
                                   @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        return portal.slotsFor(link, from, to);
    }

    @POST
    @Path("/manage/reschedule")
    @Operation(summary = "Move the appointment to another offered window, before the job type's cut-off")
    public Managed reschedule(@HeaderParam(LINK_HEADER) @NotBlank @Size(max = 100) String link,
                              @Valid @NotNull WindowRequest request) {
        return portal.reschedule(link, request);
    }

    @POST
    @Path("/manage/cancel")
    @Operation(summary = "Cancel the appointment, before the job type's cut-off")
    public Managed cancel(@HeaderParam(LINK_HEADER) @NotBlank @Size(max = 100) String link,
                          @Valid CancelRequest request) {
        return portal.cancel(link, request);
    }

    @POST
    @Path("/manage/rebook")
    @Operation(summary = "Book the same job again after a missed or canceled visit")
    public Response rebook(@HeaderParam(LINK_HEADER) @NotBlank @Size(max = 100) String link,
                           @Valid @NotNull WindowRequest request) {
        return Response.status(201).entity(portal.rebook(link, request)).build();
    }

    @POST
    @Path("/manage/waitlist")
    @Operation(summary = "Ask to be offered an earlier window when one frees up")
    public Managed joinWaitlist(@HeaderParam(LINK_HEADER) @NotBlank @Size(max = 100) String link) {
        return portal.joinWaitlist(link);
    }

    @DELETE
    @Path("/manage/waitlist")
    @Operation(summary = "Stop waiting for an earlier window")
    public Managed leaveWaitlist(@HeaderParam(LINK_HEADER) @NotBlank @Size(max = 100) String link) {
        return portal.leaveWaitlist(link);
    }

    @POST
    @Path("/manage/offers/{offer}/accept")
    @Operation(summary = "Take an earlier window offered from the waitlist; 409 when someone else took it first")
    public Managed accept(@HeaderParam(LINK_HEADER) @NotBlank @Size(max = 100) String link,
                          @PathParam("offer") UUID offer) {
        return portal.acceptOffer(link, offer);
    }
}
