package io.fieldcast.mobile.rest;

import io.fieldcast.platform.rest.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Adds {@code Retry-After} to the platform's JSON error body for answers that ask the phone to come back. */
public class MobileErrorMappers {

    @ServerExceptionMapper
    public Response retryLater(RetryLaterException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", e.retryAfterSeconds())
                .entity(ApiError.of(e.status(), e.error(), e.getMessage())).build();
    }
}
