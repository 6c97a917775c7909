package io.fieldcast.infra.local;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A second listener of the local broker, {@code SASL_PLAINTEXT} with the {@code PLAIN} mechanism, that lets in only
 * {@code users} (name to password), beside the plain listener the runtime's own tools use. For trying and testing
 * clients with credentials without a cluster; PLAIN sends the password in clear, so it stays on localhost.
 */
public record SaslListener(int port, Map<String, String> users) {

    /** What a JAAS config can quote as it is: no quote, backslash, semicolon or line break to escape. */
    private static final Pattern QUOTABLE = Pattern.compile("[^\"\\\\;\\r\\n]+");

    public SaslListener {
        users = Map.copyOf(Objects.requireNonNull(users, "users"));
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a SASL listener needs at least one user");
        }
        users.forEach((user, password) -> {
            if (!QUOTABLE.matcher(user).matches() || !QUOTABLE.matcher(password).matches()) {
                throw new IllegalArgumentException("SASL user '" + user + "': names and passwords must not contain "
                        + "quotes, backslashes, semicolons or line breaks");
            }
        });
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The broker side: {@code PlainLoginModule} with one {@code user_<name>="<password>"} option per user. */
    String brokerJaasConfig() {
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        new TreeMap<>(users).forEach((user, password) ->
                jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
        return jaas.append(';').toString();
    }

    /** What a client gives as {@code sasl.jaas.config} to log in as {@code user} with {@code password}. */
    public static String clientJaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    @Override
    public String toString() {
        return "SaslListener[port=" + port + ", users=" + new TreeMap<>(users).keySet() + "]"; // never the passwords
    }
}
