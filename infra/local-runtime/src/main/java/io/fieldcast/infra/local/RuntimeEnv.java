package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code .fieldcast/runtime.env}: shell-sourceable {@code KEY=value} lines telling services and later commands where
 * the runtime listens. Written once everything answers, removed on shutdown, so its presence means "up".
 */
public final class RuntimeEnv {

    public static final String PG_URL = RuntimeConfig.PG_URL;
    public static final String PG_USER = RuntimeConfig.PG_USER;
    public static final String PG_PASSWORD = RuntimeConfig.PG_PASSWORD;
    public static final String KAFKA_BOOTSTRAP = RuntimeConfig.KAFKA_BOOTSTRAP;
    public static final String JWT_PRIVATE_KEY = "FIELDCAST_JWT_PRIVATE_KEY";
    public static final String JWT_PUBLIC_KEY = "FIELDCAST_JWT_PUBLIC_KEY";
    /** customer-notify's key for tracking links (HMAC), so it needs no part of the platform's private key. */
    public static final String TRACKING_SECRET = "FIELDCAST_NOTIFY_TRACKING_SECRET";
    /** dispatch-service's key for the customers' manage links (HMAC), a key of its own as the tracking links have. */
    public static final String PORTAL_LINK_SECRET = "FIELDCAST_PORTAL_LINK_SECRET";
    /** "true" when the address above is the embedded server of this runtime, not an external one. */
    public static final String PG_EMBEDDED = "FIELDCAST_PG_EMBEDDED";
    public static final String KAFKA_EMBEDDED = "FIELDCAST_KAFKA_EMBEDDED";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@,+=-]*");

    private RuntimeEnv() {
    }

    /**
     * Everything the runtime hands out: the superuser's login ({@code FIELDCAST_PG_USER}, for the runtime's own tools),
     * each service role's ({@code FIELDCAST_PG_USER_<ROLE>}), both keys and the tracking-link secret. A launcher
     * passes each service only its share (platform's {@code ServiceEnv}).
     */
    public static Map<String, String> of(PostgresAddress postgres, String user, String password, boolean pgEmbedded,
                                         String kafkaBootstrap, boolean kafkaEmbedded, PlatformKeys keys) {
        return of(postgres, user, password, pgEmbedded, kafkaBootstrap, kafkaEmbedded, keys, List.of(), null, null);
    }

    public static Map<String, String> of(PostgresAddress postgres, String user, String password, boolean pgEmbedded,
                                         String kafkaBootstrap, boolean kafkaEmbedded, PlatformKeys keys,
                                         List<DatabaseRoles.Role> roles, String trackingSecret,
                                         String portalLinkSecret) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PG_URL, postgres.url());
        env.put(PG_USER, user);
        env.put(PG_PASSWORD, password);
        env.put(KAFKA_BOOTSTRAP, kafkaBootstrap);
        env.put(JWT_PRIVATE_KEY, keys.privateKey().toString());
        env.put(JWT_PUBLIC_KEY, keys.publicKey().toString());
        env.put(PG_EMBEDDED, String.valueOf(pgEmbedded));
        env.put(KAFKA_EMBEDDED, String.valueOf(kafkaEmbedded));
        DatabaseRoles.putEnvironment(roles, env);
        if (trackingSecret != null) {
            env.put(TRACKING_SECRET, trackingSecret);
        }
        if (portalLinkSecret != null) {
            env.put(PORTAL_LINK_SECRET, portalLinkSecret);
        }
        return env;
    }

    /** Atomic replace, so a reader never sees half a file; owner-only, since it holds passwords. */
    public static void write(Path file, Map<String, String> values) {
        StringBuilder text = new StringBuilder("# Written by ./fieldcast up, removed by ./fieldcast down.\n")
                .append("# Use: set -a; . ").append(file).append("; set +a\n");
        values.forEach((key, value) -> text.append(key).append('=').append(quote(value)).append('\n'));
        try {
            OwnerOnlyFiles.writeAtomically(file, text.toString(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads what {@link #write} wrote; an absent file reads as empty. */
    public static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#") || eq < 1) {
                    continue;
                }
                values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String quote(String value) {
        return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }

    static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("'\\''", "'");
        }
        return value;
    }
}
