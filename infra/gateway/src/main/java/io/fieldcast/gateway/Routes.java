package io.fieldcast.gateway;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which service answers a path under the one origin. The services keep their own paths; only where two of them have
 * the same path (each service's operations endpoints {@code /api/admin/…} and {@code /q/…}) the gateway asks for the
 * service's name in front ({@code /eta/api/admin/consumers}) and takes it off on the way. Everything no other service
 * claims is dispatch-service's: the console, the customer portal, the booking and planning API, the sign-in.
 */
public final class Routes {

    public static final String DISPATCH = "dispatch";
    public static final String ETA = "eta";
    public static final String MOBILE = "mobile";
    public static final String NOTIFY = "notify";
    public static final List<String> SERVICES = List.of(DISPATCH, ETA, MOBILE, NOTIFY);

    /** Where a request goes: the service, and the path and query it is asked there. */
    public record Target(String service, String uri) {
    }

    private record Rule(Pattern path, String service) {
    }

    private static final Pattern PREFIXED = Pattern.compile("^/(dispatch|eta|mobile|notify)(/(?:api/admin|q)(?:/.*)?)$");

    private static final List<Rule> RULES = List.of(
            // eta-service: the forecast report and its API, the operations page and its API, models, a technician's GPS
            // history.
            rule("^/(report|ops)(/.*)?$", ETA),
            rule("^/api/(report|ops|forecasts|models)(/.*)?$", ETA),
            rule("^/api/technicians/[^/]+/(pings|trips)(/.*)?$", ETA),
            // tech-mobile-api: the phone app, the device's sign-in and its route, the devices of a technician.
            rule("^/app(/.*)?$", MOBILE),
            rule("^/calendar/.*$", MOBILE),
            rule("^/api/me(/.*)?$", MOBILE),
            rule("^/api/auth/(device|refresh|logout)$", MOBILE),
            rule("^/api/technicians/[^/]+/devices(/.*)?$", MOBILE),
            // customer-notify: tracking links, the text outbox, the carrier's webhooks, outbound webhooks, a visit's contact.
            rule("^/t/.*$", NOTIFY),
            rule("^/assets/.*$", NOTIFY),
            rule("^/outbox(/.*)?$", NOTIFY),
            rule("^/api/outbox(/.*)?$", NOTIFY),
            rule("^/api/webhooks(/.*)?$", NOTIFY),
            rule("^/api/sms/.*$", NOTIFY),
            rule("^/api/appointments/[^/]+/contact$", NOTIFY));

    private Routes() {
    }

    private static Rule rule(String regex, String service) {
        return new Rule(Pattern.compile(regex), service);
    }

    /** The service and the URI it is asked for {@code uri} (path and query as the browser sent them). */
    public static Target route(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q);
        Matcher prefixed = PREFIXED.matcher(path);
        if (prefixed.matches()) {
            return new Target(prefixed.group(1), prefixed.group(2) + query);
        }
        Optional<Rule> rule = RULES.stream().filter(r -> r.path().matcher(path).matches()).findFirst();
        return new Target(rule.map(Rule::service).orElse(DISPATCH), uri);
    }
}
