package io.fieldcast.infra.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Asks a PostgreSQL server whether it answers, with short timeouts so that a dead address never hangs a command. */
public final class PostgresCheck {

    private static final int TIMEOUT_SECONDS = 5;

    private PostgresCheck() {
    }

    /** @throws IllegalStateException saying which address failed and why. */
    public static void requireReachable(PostgresAddress address, String user, String password) {
        try {
            serverVersion(address, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + address + " (user " + user + ") does not answer: "
                    + e.getMessage(), e);
        }
    }

    public static boolean answers(PostgresAddress address, String user, String password) {
        try {
            serverVersion(address, user, password);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The {@code server_version} setting, e.g. {@code 18.1}. */
    public static String serverVersion(PostgresAddress address, String user, String password) throws SQLException {
        try (Connection connection = connect(address, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("show server_version")) {
            rows.next();
            return rows.getString(1);
        }
    }

    public static Connection connect(PostgresAddress address, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS * 6));
        properties.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        return DriverManager.getConnection(address.jdbcUrl(), properties);
    }
}
