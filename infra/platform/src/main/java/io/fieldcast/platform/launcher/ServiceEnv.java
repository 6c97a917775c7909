package io.fieldcast.platform.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A service's share of what the local runtime hands out (its {@code runtime.env}): least privilege for every service a
 * launcher starts. Only a service that issues tokens gets the private signing key; each gets the PostgreSQL login of
 * its own role ({@code FIELDCAST_PG_USER_<ROLE>} becomes its {@code FIELDCAST_PG_USER}) and no other's; a secret
 * meant for one service reaches that service only. Plain Java: the simulator's launcher uses it too.
 */
public final class ServiceEnv {

    public static final String PRIVATE_KEY = "FIELDCAST_JWT_PRIVATE_KEY";
    public static final String PG_USER = "FIELDCAST_PG_USER";
    public static final String PG_PASSWORD = "FIELDCAST_PG_PASSWORD";
    public static final String TRACKING_SECRET = "FIELDCAST_NOTIFY_TRACKING_SECRET";
    public static final String PORTAL_LINK_SECRET = "FIELDCAST_PORTAL_LINK_SECRET";

    /** A service: its database role (= its schema, {@code fieldcast.db.schema}), whether it signs tokens, its secrets. */
    public record Account(String module, String role, boolean issuesTokens, Set<String> ownSecrets) {
    }

    /** dispatch-service signs the console users' tokens, tech-mobile-api the devices'; the others only verify. */
    public static final List<Account> SERVICES = List.of(
            new Account("dispatch-service", "dispatch", true, Set.of(PORTAL_LINK_SECRET)),
            new Account("eta-service", "eta", false, Set.of()),
            new Account("tech-mobile-api", "mobile", true, Set.of()),
            new Account("customer-notify", "notify", false, Set.of(TRACKING_SECRET)));

    private static final Set<String> ONE_SERVICE_SECRETS = Set.of(TRACKING_SECRET, PORTAL_LINK_SECRET);

    private ServiceEnv() {
    }

    /**
     * What {@code module} is started with, from everything the launcher has ({@code available}: its own environment
     * and runtime.env's values). A module that is not one of {@link #SERVICES} gets no private key and no secret.
     */
    public static Map<String, String> forModule(String module, Map<String, String> available) {
        Account account = SERVICES.stream().filter(a -> a.module().equals(module)).findFirst()
                .orElse(new Account(module, null, false, Set.of()));
        Map<String, String> env = new LinkedHashMap<>();
        available.forEach((name, value) -> {
            if (!withheld(name, account)) {
                env.put(name, value);
            }
        });
        if (account.role() != null) {
            String suffix = "_" + account.role().toUpperCase(Locale.ROOT);
            String user = available.get(PG_USER + suffix);
            String password = available.get(PG_PASSWORD + suffix);
            if (user != null && password != null) {
                env.put(PG_USER, user);
                env.put(PG_PASSWORD, password);
            }
        }
        return env;
    }

    private static boolean withheld(String name, Account account) {
        if (name.equals(PRIVATE_KEY)) {
            return !account.issuesTokens();
        }
        if (name.startsWith(PG_USER + "_") || name.startsWith(PG_PASSWORD + "_")) {
            return true; // the roles' logins: a service gets its own as FIELDCAST_PG_USER / _PASSWORD
        }
        return ONE_SERVICE_SECRETS.contains(name) && !account.ownSecrets().contains(name);
    }
}
