package io.fieldcast.dispatch.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** {@code /book} and {@code /manage} as customers type or tap them: the pages live at {@code /book/}, {@code /manage/}. */
@Path("/")
@PermitAll
@Tag(name = "portal")
public class PortalPages {

    @GET
    @Path("/book")
    @Operation(summary = "Redirect to the booking page at /book/")
    public Response book() {
        return Response.seeOther(URI.create("/book/")).build();
    }

    @GET
    @Path("/manage")
    @Operation(summary = "Redirect to the manage page at /manage/ (the link's token stays in the fragment)")
    public Response manage() {
        return Response.seeOther(URI.create("/manage/")).build();
    }
}
