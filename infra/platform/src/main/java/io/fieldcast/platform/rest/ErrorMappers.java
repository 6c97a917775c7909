package io.fieldcast.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fieldcast.platform.kafka.Failures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns failures into answers a client can act on: 4xx with a sentence naming what is wrong, never a stack
 * trace. A database or broker away for a moment is a 503 with Retry-After. Only an unexpected failure becomes a
 * 500, with an id to find it in the log.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", e.status());
        body.put("error", e.error());
        body.put("message", e.getMessage());
        if (e.details() instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof ApiError.FieldError) {
            body.put("fields", list);
        } else if (e.details() != null) {
            body.put("details", e.details());
        }
        Response answer = json(e.status(), body);
        return e.retryAfter() == null ? answer
                : Response.fromResponse(answer).header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, ApiError.of(403, "forbidden", "Forbidden: your role may not use this operation"));
    }

    @ServerExceptionMapper({UnauthorizedException.class,
            AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .entity(ApiError.of(401, "unauthorized", "a valid bearer token is required")).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<ApiError.FieldError> fields = e.getConstraintViolations().stream()
                .map(v -> new ApiError.FieldError(fieldName(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(ApiError.FieldError::field))
                .toList();
        String message = fields.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return json(400, new ApiError(400, "invalid_request", message, fields));
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String field = e instanceof MismatchedInputException mismatch ? path(mismatch) : "";
        String what = e instanceof InvalidFormatException invalid
                ? "cannot read value '" + invalid.getValue() + "'" : "malformed JSON";
        String message = field.isEmpty() ? "request body: " + what : field + ": " + what;
        return json(400, new ApiError(400, "invalid_json", message,
                field.isEmpty() ? List.of() : List.of(new ApiError.FieldError(field, what))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String message = e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : e.getMessage();
        return json(status, ApiError.of(status, Response.Status.fromStatusCode(status) == null ? "error"
                : Response.Status.fromStatusCode(status).name().toLowerCase(), message));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (Failures.isTransient(e)) {
            // The database or the broker is away for a moment (a restart, a fail-over): nothing the client did, and
            // the same request will pass shortly. A 503 with Retry-After says so; phones and the console retry it.
            LOG.warnf("answered 503, a dependency is away: %s", Failures.describe(e));
            return Response.fromResponse(json(503, ApiError.of(503, "temporarily_unavailable",
                    "the service cannot reach its database or broker right now; try again in a few seconds")))
                    .header("Retry-After", "2").build();
        }
        String id = Long.toHexString(System.nanoTime());
        LOG.errorf(e, "unexpected failure %s", id);
        return json(500, ApiError.of(500, "internal_error", "unexpected server error, reference " + id));
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /**
     * {@code create.note.phone} → {@code phone}: clients know their fields, not our method and parameter names.
     * A violation on a query or path parameter keeps the parameter's name.
     */
    private static String fieldName(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter = node.getName();
                default -> names.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]"
                        : node.getName());
            }
        }
        return names.isEmpty() ? String.valueOf(parameter) : String.join(".", names);
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
