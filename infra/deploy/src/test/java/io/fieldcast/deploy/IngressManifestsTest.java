package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.fieldcast.deploy.ProductionOverlay.REPO;
import static io.fieldcast.deploy.ProductionOverlay.rendered;
import static io.fieldcast.deploy.ProductionOverlay.services;

/** The public paths reach the service that serves them, and nothing is routed to a path no service has. */
class IngressManifestsTest {

    /** A request to each public page or API entry point, and the service that must get it. */
    private static final Map<String, String> PUBLIC = publicPaths();

    /** One path of an Ingress rule and the Service it sends to. */
    private record Route(Manifest ingress, String host, String path, String pathType, String service, JsonNode port) {

        boolean matches(String request) {
            String p = ServiceRoutes.normalize(path);
            if ("Exact".equals(pathType)) {
                return ServiceRoutes.normalize(request).equals(p);
            }
            return p.equals("/") || request.equals(p) || request.startsWith(p + "/");
        }

        @Override
        public String toString() {
            return ingress.id() + " " + host + path + " (" + pathType + ")";
        }
    }

    @Test
    void everyIngressBackendIsARenderedServicePort() {
        Problems problems = new Problems();
        for (Route route : routes()) {
            Optional<Manifest> service = rendered().find("Service", route.service());
            if (service.isEmpty()) {
                problems.add(route + ": no Service/" + route.service());
                continue;
            }
            boolean port = false;
            for (JsonNode declared : service.get().at("/spec/ports")) {
                port |= route.port().has("name") ? declared.path("name").asText().equals(route.port().get("name")
                        .asText()) : declared.path("port").asInt() == route.port().path("number").asInt();
            }
            problems.unless(port, route + ": Service/" + route.service() + " has no port " + route.port());
        }
        problems.assertNone("every Ingress path sends to a port of a Service in the overlay");
    }

    @Test
    void everyIngressPathIsServedByItsService() {
        Map<String, ServiceRoutes> served = new LinkedHashMap<>();
        services().forEach(s -> served.put(s.name(), ServiceRoutes.of(s, REPO)));
        Problems problems = new Problems();
        for (Route route : routes()) {
            ServiceRoutes routes = served.get(route.service());
            problems.unless(routes != null && routes.serves(route.path(), route.pathType()), route + ": "
                    + route.service() + " serves nothing there" + (routes == null ? "" : "; it serves "
                    + routes.all()));
        }
        problems.assertNone("every routed path is one a JAX-RS resource or static page of the service answers");
    }

    @Test
    void thePublicPagesAndApisAreRouted() {
        List<Route> routes = routes();
        Problems problems = new Problems();
        PUBLIC.forEach((request, service) -> problems.unless(
                routes.stream().anyMatch(r -> r.service().equals(service) && r.matches(request)),
                request + ": no Ingress path sends it to Service/" + service));
        problems.assertNone("the console, the phone app, tracking links, the outbox, Twilio's webhooks and the report "
                + "are reachable from outside");
    }

    /** On the front door's one host every page goes where the local gateway sends it (the longest prefix wins). */
    @Test
    void theFrontDoorSendsEveryPageToItsService() {
        List<Route> door = routes().stream().filter(r -> r.host().equals("fieldcast.example.com")).toList();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/", "dispatch-service");
        expected.put("/console/", "dispatch-service");
        expected.put("/book/", "dispatch-service");
        expected.put("/manage/", "dispatch-service");
        expected.put("/portal/api/slots", "dispatch-service");
        expected.put("/api/auth/login", "dispatch-service");
        expected.put("/api/auth/sign-out", "dispatch-service");
        expected.put("/api/appointments", "dispatch-service");
        expected.put("/report", "eta-service");
        expected.put("/api/report", "eta-service");
        expected.put("/ops/", "eta-service");
        expected.put("/api/ops/report", "eta-service");
        expected.put("/api/ops/daily", "eta-service");
        expected.put("/app/", "tech-mobile-api");
        expected.put("/calendar/some-token.ics", "tech-mobile-api");
        expected.put("/api/me/route", "tech-mobile-api");
        expected.put("/api/auth/device", "tech-mobile-api");
        expected.put("/t/some-token", "customer-notify");
        expected.put("/assets/track.js", "customer-notify");
        expected.put("/outbox", "customer-notify");
        expected.put("/api/outbox", "customer-notify");
        expected.put("/api/webhooks/some-id/deliveries", "customer-notify");
        expected.put("/api/sms/inbound", "customer-notify");
        Problems problems = new Problems();
        expected.forEach((request, service) -> {
            Optional<Route> chosen = door.stream().filter(r -> r.matches(request))
                    .max(java.util.Comparator.comparingInt((Route r) -> "Exact".equals(r.pathType()) ? 10_000 : 0)
                            .thenComparingInt(r -> r.path().length()));
            problems.unless(chosen.isPresent() && chosen.get().service().equals(service), request + " goes to "
                    + chosen.map(Route::service).orElse("nothing") + ", not " + service);
        });
        problems.assertNone("the front door routes as the gateway does");
    }

    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Manifest ingress : rendered().ofKind("Ingress")) {
            for (JsonNode rule : ingress.at("/spec/rules")) {
                for (JsonNode path : rule.at("/http/paths")) {
                    routes.add(new Route(ingress, rule.path("host").asText("*"), path.path("path").asText("/"),
                            path.path("pathType").asText(), path.at("/backend/service/name").asText(),
                            path.at("/backend/service/port")));
                }
            }
        }
        if (routes.isEmpty()) {
            throw new AssertionError("the overlay routes nothing: no Ingress with paths");
        }
        return routes;
    }

    private static Map<String, String> publicPaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("/console/", "dispatch-service");
        paths.put("/api/auth/login", "dispatch-service");
        paths.put("/api/appointments", "dispatch-service");
        paths.put("/app/", "tech-mobile-api");
        paths.put("/api/auth/device", "tech-mobile-api");
        paths.put("/api/me/locations", "tech-mobile-api");
        paths.put("/t/some-token", "customer-notify");
        paths.put("/outbox", "customer-notify");
        paths.put("/api/sms/inbound", "customer-notify");
        paths.put("/api/sms/status", "customer-notify");
        paths.put("/report/", "eta-service");
        paths.put("/ops/", "eta-service");
        paths.put("/api/ops/report", "eta-service");
        return paths;
    }
}
