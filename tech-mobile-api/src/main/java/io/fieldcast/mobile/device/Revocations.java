package io.fieldcast.mobile.device;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.mobile.config.MobileSettings;
import io.fieldcast.platform.security.SecuritySettings;
import io.fieldcast.platform.time.DomainTimer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which login sessions were logged out or revoked, so their still-unexpired access tokens are refused. Checked on
 * every call from memory; revocations made by other instances are polled from the database every few seconds
 * (only those younger than an access token's lifetime matter).
 */
@ApplicationScoped
public class Revocations {

    private static final Logger LOG = Logger.getLogger(Revocations.class);

    private final Map<String, Instant> revokedAt = new ConcurrentHashMap<>();
    private final AgroalDataSource dataSource;
    private final MobileSettings settings;
    private final SecuritySettings security;
    private final Clock clock;
    private DomainTimer poller;

    public Revocations(AgroalDataSource dataSource, MobileSettings settings, SecuritySettings security, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.security = security;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        poll();
        poller = DomainTimer.wall("revocations", settings.revocationPoll(), tick -> poll());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (poller != null) {
            poller.close();
        }
    }

    /** Records a revocation made here, effective at once on this instance. */
    public void revoked(String sessionId, Instant at) {
        revokedAt.put(sessionId, at);
    }

    /** Whether the login session a token belongs to was logged out or revoked. */
    public boolean isRevoked(String sessionId) {
        return sessionId != null && revokedAt.containsKey(sessionId);
    }

    private void poll() {
        Instant since = clock.instant().minus(security.deviceTokenLifetime()).minusSeconds(60);
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("""
                     select id, revoked_at from device_session where revoked_at > ?""")) {
            query.setTimestamp(1, Timestamp.from(since));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    revoked(rows.getString(1), rows.getTimestamp(2).toInstant());
                }
            }
            revokedAt.values().removeIf(at -> at.isBefore(since));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not poll device revocations: %s", e.getMessage());
        }
    }
}
