package io.fieldcast.bench.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** The newest row of each service's {@code audit_log}, read straight from its schema. */
final class AuditProbe implements AutoCloseable {

    static final Map<String, String> SCHEMAS = Map.of("dispatch-service", "dispatch", "eta-service", "eta",
            "tech-mobile-api", "mobile", "customer-notify", "notify");

    private final Connection db;

    AuditProbe(Map<String, String> runtimeEnv) throws SQLException {
        db = DriverManager.getConnection("jdbc:" + runtimeEnv.get("FIELDCAST_PG_URL"),
                runtimeEnv.getOrDefault("FIELDCAST_PG_USER", "postgres"),
                runtimeEnv.getOrDefault("FIELDCAST_PG_PASSWORD", "postgres"));
    }

    /** The highest audit row id of the service's schema (0 when empty). */
    long last(String service) throws SQLException {
        try (var st = db.createStatement();
             var rs = st.executeQuery("select coalesce(max(id), 0) from " + SCHEMAS.get(service) + ".audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
