package io.fieldcast.dispatch.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** The service's root opens the dispatcher console (a static page that asks for a login itself). */
@Path("/")
@Tag(name = "console")
public class ConsoleRedirect {

    @GET
    @PermitAll
    @Operation(summary = "Redirect to the dispatcher console at /console/")
    public Response root() {
        return Response.seeOther(URI.create("/console/")).build();
    }
}
