package io.fieldcast.notify.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.notify.templates.MessageRenderer;
import io.smallrye.mutiny.Multi;
import io.fieldcast.roadnetwork.GeoPoint;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer's tracking page behind a signed, expiring link. Public by design; a forged, expired or unknown token
 * gets the same plain 404 page, so the answer reveals nothing; too many requests get 429.
 */
@Path("/t/{token}")
@Tag(name = "tracking")
@PermitAll
public class TrackingResource {

    private static final String NOT_FOUND_PAGE = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>Not found</title></head><body><main><h1>Not found</h1>"
            + "<p>This tracking link is not valid or has expired.</p></main></body></html>";
    /** The languages the page speaks (the i18n/messages bundles' track.* keys); the first is the fallback. */
    static final List<String> LANGUAGES = List.of("en", "es");
    private static final List<String> STAGES = List.of("SCHEDULED", "EN_ROUTE", "ARRIVED", "COMPLETED",
            "CANNOT_COMPLETE", "CANCELED");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final MessageRenderer RENDERER = new MessageRenderer();

    private final TrackingLinks links;
    private final TrackingService tracking;
    private final RateLimiter limiter;
    private final NotifySettings config;
    private final String template;
    private final TrackingRoads roads;

    public TrackingResource(TrackingLinks links, TrackingService tracking, RateLimiter limiter, NotifySettings config,
                            TrackingRoads roads) {
        this.links = links;
        this.roads = roads;
        this.tracking = tracking;
        this.limiter = limiter;
        this.config = config;
        this.template = resource("/web/track.html");
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Tracking page: window, technician's first name, live position while en route; in the "
            + "language asked for (lang), else the customer's, else the browser's (Accept-Language), else English")
    public Uni<Response> page(@PathParam("token") String token, @QueryParam("lang") String lang,
                              @HeaderParam("Accept-Language") String acceptLanguage,
                              @Context HttpServerRequest request) {
        UUID appointment = verified(token, request);
        String asked = supported(lang);
        return tracking.state(appointment, asked).chain(state -> {
            if (state == null || asked != null || supported(state.language()) != null) {
                return Uni.createFrom().item(state);
            }
            // The customer's language is one the page does not speak: the browser's, if it speaks that.
            return tracking.state(appointment, Optional.ofNullable(fromAcceptLanguage(acceptLanguage))
                    .orElse(LANGUAGES.getFirst()));
        }).map(state -> state == null ? notFound()
                : Response.ok(render(state), MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("Vary", "Accept-Language").build());
    }

    @GET
    @Path("state")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the tracking page shows, as JSON (date and reason in lang, else the customer's)")
    public Uni<TrackingState> state(@PathParam("token") String token, @QueryParam("lang") String lang,
                                    @Context HttpServerRequest request) {
        return tracking.state(verified(token, request), supported(lang)).onItem().ifNull()
                .failWith(() -> new WebApplicationException(notFound()));
    }

    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent updates of the tracking state (live position while en route), in lang")
    public Multi<TrackingState> events(@PathParam("token") String token, @QueryParam("lang") String lang,
                                       @Context HttpServerRequest request) {
        UUID appointment = verified(token, request);
        String language = supported(lang);
        // The stream ends when the link expires: an open page does not outlive its token.
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.tracking().pushInterval())
                .select().first(tick -> links.verify(token).isPresent())
                .onItem().transformToUniAndConcatenate(tick -> tracking.state(appointment, language))
                .select().where(Objects::nonNull);
    }

    @GET
    @Path("roads")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The streets around the home and the van as GeoJSON, drawn under them (no tile server); "
            + "no features without a road network")
    public Uni<Response> roads(@PathParam("token") String token, @Context HttpServerRequest request) {
        UUID appointment = verified(token, request);
        return tracking.state(appointment, null).onItem().ifNull().failWith(() -> new WebApplicationException(notFound()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(s -> {
                    List<GeoPoint> places = new ArrayList<>();
                    if (s.homeLat() != null) {
                        places.add(new GeoPoint(s.homeLat(), s.homeLon()));
                    }
                    if (s.lat() != null) {
                        places.add(new GeoPoint(s.lat(), s.lon()));
                    }
                    // The van moves: the page asks again as it does, so this answer is not kept for long.
                    return Response.ok(roads.around(places)).header("Cache-Control", "private, max-age=60").build();
                });
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

    /** The page in the state's language; every {{name}} filled in one pass, so no value is read as a name. */
    private String render(TrackingState s) {
        String lang = Optional.ofNullable(supported(s.language())).orElse(LANGUAGES.getFirst());
        String other = LANGUAGES.stream().filter(l -> !l.equals(lang)).findFirst().orElseThrow();
        Map<String, String> stages = new LinkedHashMap<>();
        STAGES.forEach(stage -> stages.put(stage, word("track.stage." + stage, lang)));
        String words;
        try {
            words = JSON.writeValueAsString(Map.of("stages", stages, "positionAt", word("track.positionAt", lang),
                    "away", word("track.away", lang)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> values = new HashMap<>();
        values.put("lang", lang);
        values.put("title", word("track.title", lang));
        values.put("languages", word("track.languages", lang));
        values.put("otherLang", other);
        values.put("otherName", word("track.languageName", other));
        values.put("windowLabel", word("track.window", lang));
        values.put("date", s.date());
        values.put("windowStart", s.windowStart());
        values.put("windowEnd", s.windowEnd());
        values.put("why", s.why() == null ? "" : s.why());
        values.put("technicianLabel", word("track.technician", lang));
        values.put("technician", s.technician() == null ? word("track.technician.fallback", lang) : s.technician());
        values.put("stage", s.stage());
        values.put("stageLabel", stages.getOrDefault(s.stage(), s.stage()));
        values.put("manageUrl", s.manageUrl() == null ? "#" : s.manageUrl());
        values.put("manageLabel", word("track.manage", lang));
        values.put("language", lang);
        values.put("mapWaiting", word("track.mapWaiting", lang));
        values.put("mapLabel", word("track.mapLabel", lang));
        values.put("legendVan", word("track.legend.van", lang));
        values.put("legendHome", word("track.legend.home", lang));
        values.put("words", words);
        return PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).equals("manageHidden") ? (s.manageUrl() == null ? "hidden" : "")
                        : html(values.getOrDefault(m.group(1), ""))));
    }

    private static String word(String key, String lang) {
        return RENDERER.text(key, lang);
    }

    /** "en" or "es" for a tag such as "es-MX" the page speaks, else null. */
    static String supported(String tag) {
        if (tag == null) {
            return null;
        }
        String base = tag.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return LANGUAGES.contains(base) ? base : null;
    }

    /** The first language of an Accept-Language header (by weight, then order) that the page speaks, else null. */
    static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        record Choice(String tag, double weight, int order) {
        }
        List<Choice> choices = new ArrayList<>();
        String[] parts = header.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] fields = parts[i].split(";");
            double weight = 1;
            for (int f = 1; f < fields.length; f++) {
                String field = fields[f].strip();
                if (field.startsWith("q=")) {
                    try {
                        weight = Double.parseDouble(field.substring(2));
                    } catch (NumberFormatException e) {
                        weight = 0;
                    }
                }
            }
            if (weight > 0) {
                choices.add(new Choice(fields[0].strip(), weight, i));
            }
        }
        return choices.stream().sorted(Comparator.comparingDouble(Choice::weight).reversed()
                        .thenComparingInt(Choice::order))
                .map(c -> supported(c.tag())).filter(Objects::nonNull).findFirst().orElse(null);
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

}
