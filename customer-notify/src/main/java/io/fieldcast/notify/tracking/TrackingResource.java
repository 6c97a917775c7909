package io.fieldcast.notify.tracking;

import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.notify.templates.MessageRenderer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The customer's tracking page behind a signed, expiring link. Public by design; a forged, expired or unknown token
 * gets the same plain 404 page, so the answer reveals nothing; too many requests get 429.
 */
@Path("/t/{token}")
@Tag(name = "tracking")
@PermitAll
public class TrackingResource {

    private static final String NOT_FOUND_PAGE = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Not found</title></head><body><h1>Not found</h1>"
            + "<p>This tracking link is not valid or has expired.</p></body></html>";
    private static final String EMPTY_ROADS = "{\"type\":\"FeatureCollection\",\"features\":[]}";

    private static final MessageRenderer RENDERER = new MessageRenderer();

    private final TrackingLinks links;
    private final TrackingService tracking;
    private final RateLimiter limiter;
    private final NotifySettings config;
    private final String template;
    private volatile String roads;

    public TrackingResource(TrackingLinks links, TrackingService tracking, RateLimiter limiter, NotifySettings config) {
        this.links = links;
        this.tracking = tracking;
        this.limiter = limiter;
        this.config = config;
        this.template = resource("/web/track.html");
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Tracking page: window, technician's first name, live position while en route")
    public Uni<Response> page(@PathParam("token") String token, @Context HttpServerRequest request) {
        return known(token, request).map(state -> state == null ? notFound()
                : Response.ok(render(token, state), MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build());
    }

    @GET
    @Path("state")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the tracking page shows, as JSON")
    public Uni<TrackingState> state(@PathParam("token") String token, @Context HttpServerRequest request) {
        return known(token, request).onItem().ifNull().failWith(() -> new WebApplicationException(notFound()));
    }

    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent updates of the tracking state (live position while en route)")
    public Multi<TrackingState> events(@PathParam("token") String token, @Context HttpServerRequest request) {
        UUID appointment = verified(token, request);
        // The stream ends when the link expires: an open page does not outlive its token.
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.tracking().pushInterval())
                .select().first(tick -> links.verify(token).isPresent())
                .onItem().transformToUniAndConcatenate(tick -> tracking.state(appointment))
                .select().where(Objects::nonNull);
    }

    @GET
    @Path("roads")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Road-network GeoJSON drawn under the position (no tile server)")
    public String roads(@PathParam("token") String token, @Context HttpServerRequest request) {
        verified(token, request);
        if (roads == null) {
            roads = config.tracking().roadsGeojson().map(TrackingResource::file).orElse(EMPTY_ROADS);
        }
        return roads;
    }

    private Uni<TrackingState> known(String token, HttpServerRequest request) {
        UUID appointment = verified(token, request);
        return tracking.state(appointment);
    }

    private UUID verified(String token, HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (!limiter.allowAddress(address)) {
            throw tooMany();
        }
        UUID appointment = links.verify(token).orElseThrow(() -> new WebApplicationException(notFound()));
        if (!limiter.allowToken(token)) {
            throw tooMany();
        }
        return appointment;
    }

    private static WebApplicationException tooMany() {
        return new WebApplicationException(Response.status(429).type(MediaType.TEXT_PLAIN_TYPE)
                .header("Retry-After", "60").entity("Too many requests").build());
    }

    private String render(String token, TrackingState s) {
        return template.replace("{{token}}", token)
                .replace("{{date}}", html(s.date()))
                .replace("{{windowStart}}", html(s.windowStart()))
                .replace("{{windowEnd}}", html(s.windowEnd()))
                .replace("{{why}}", html(s.why() == null ? "" : s.why()))
                .replace("{{technician}}", html(s.technician() == null ? "Your technician" : s.technician()))
                .replace("{{stage}}", html(s.stage()))
                .replace("{{manageHidden}}", s.manageUrl() == null ? "hidden" : "")
                .replace("{{manageUrl}}", html(s.manageUrl() == null ? "#" : s.manageUrl()))
                .replace("{{manageLabel}}", html(RENDERER.text("track.manage", s.language())))
                .replace("{{language}}", html(s.language()));
    }

    private static Response notFound() {
        return Response.status(404).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(NOT_FOUND_PAGE)
                .build();
    }

    private static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = TrackingResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String file(String path) {
        try {
            return Files.readString(java.nio.file.Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read roads GeoJSON " + path, e);
        }
    }
}
