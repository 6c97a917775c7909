package io.fieldcast.mobile.auth;

import io.fieldcast.mobile.config.MobileSettings;
import io.fieldcast.mobile.device.DeviceGuard;
import io.fieldcast.mobile.device.Revocations;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Login sessions of phones: issue, rotate on refresh, log out, revoke. Methods open their own transaction. */
@ApplicationScoped
public class DeviceSessions {

    private static final Logger LOG = Logger.getLogger(DeviceSessions.class);

    private final TokenIssuer tokens;
    private final Revocations revocations;
    private final MobileSettings settings;
    private final Clock clock;
    private final AuditLog audit;

    public DeviceSessions(TokenIssuer tokens, Revocations revocations, MobileSettings settings, Clock clock,
                          AuditLog audit) {
        this.audit = audit;
        this.tokens = tokens;
        this.revocations = revocations;
        this.settings = settings;
        this.clock = clock;
    }

    /** Tokens handed to a phone: a short-lived access token and a refresh token for the next one. */
    public record DeviceTokens(String token, Instant expiresAt, String refreshToken, Instant refreshExpiresAt,
                               String technicianId) {
    }

    public Uni<DeviceTokens> open(String technicianId, String deviceId) {
        Instant now = clock.instant();
        DeviceSession session = new DeviceSession();
        session.id = UUID.randomUUID();
        session.technicianId = technicianId;
        session.deviceId = deviceId;
        session.createdAt = now;
        String refresh = RefreshTokens.create(session.id);
        session.refreshHash = RefreshTokens.hash(refresh);
        session.lastUsedAt = now;
        session.expiresAt = now.plus(settings.refreshTokenLifetime());
        return Panache.withTransaction(session::persist).map(saved -> issue(session, refresh));
    }

    /** Swaps a refresh token for new tokens; the old one stops working. Replaying a rotated one revokes all. */
    public Uni<DeviceTokens> refresh(String refreshToken) {
        UUID sessionId = RefreshTokens.sessionOf(refreshToken);
        if (sessionId == null) {
            return Uni.createFrom().failure(invalidRefresh());
        }
        String presented = RefreshTokens.hash(refreshToken);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> DeviceSession.<DeviceSession>findById(sessionId).chain(session -> {
            if (session == null || !session.isActive(now)) {
                throw invalidRefresh();
            }
            if (RefreshTokens.sameHash(presented, session.previousHash)) {
                LOG.warnf("refresh token of session %s replayed after rotation: revoking it", session.id);
                return revoke(session, "replayed refresh token", now).map(done -> (DeviceTokens) null);
            }
            if (!RefreshTokens.sameHash(presented, session.refreshHash)) {
                throw invalidRefresh();
            }
            String next = RefreshTokens.create(session.id);
            session.previousHash = session.refreshHash;
            session.refreshHash = RefreshTokens.hash(next);
            session.lastUsedAt = now;
            session.expiresAt = now.plus(settings.refreshTokenLifetime());
            return Uni.createFrom().item(issue(session, next));
        })).map(issued -> {
            if (issued == null) {
                throw invalidRefresh();
            }
            return issued;
        });
    }

    /** Ends one session (logout): its refresh token and its access tokens stop working. */
    public Uni<Void> logout(UUID sessionId) {
        Instant now = clock.instant();
        // Audited like a revocation, in its transaction: a session that ends leaves a trace whoever ends it.
        return Panache.withTransaction(() -> DeviceSession.<DeviceSession>findById(sessionId).chain(session ->
                session == null || session.revokedAt != null ? Uni.createFrom().voidItem()
                        : revoke(session, "logout", now).call(() -> audit.record("device", session.technicianId
                                + "/" + session.deviceId, "DEVICE_LOGOUT", "device:" + session.deviceId, null, null,
                                null))));
    }

    /** A deactivated technician: every session of every phone ends. Returns how many were active. */
    public Uni<Integer> revokeAll(String technicianId, String by) {
        return revokeActive(by, "technicianId = ?1", technicianId);
    }

    /** A dispatcher takes a device's access away: every session of it. Returns how many were active. */
    public Uni<Integer> revokeDevice(String technicianId, String deviceId, String by) {
        // One transaction: the revocation and its audit row commit together.
        return Panache.withTransaction(() -> revokeActive(by, "technicianId = ?1 and deviceId = ?2", technicianId,
                deviceId).call(count -> audit.record("device", technicianId + "/" + deviceId, "DEVICE_REVOKED", by,
                count + " session(s) revoked", null, null)));
    }

    public Uni<List<DeviceSession>> sessionsOf(String technicianId) {
        return Panache.withSession(() -> DeviceSession.<DeviceSession>list(
                "technicianId = ?1 order by createdAt desc", technicianId));
    }

    /** Revokes the sessions matching {@code where} that are still active; returns how many. */
    private Uni<Integer> revokeActive(String by, String where, Object... params) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> DeviceSession.<DeviceSession>list(where + " and revokedAt is null",
                        params)
                .chain(sessions -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (DeviceSession session : sessions) {
                        all = all.chain(() -> revoke(session, by, now));
                    }
                    return all.map(done -> sessions.size());
                }));
    }

    private Uni<Void> revoke(DeviceSession session, String by, Instant now) {
        session.revokedAt = now;
        session.revokedBy = by;
        revocations.revoked(session.id.toString(), now);
        return Uni.createFrom().voidItem();
    }

    private DeviceTokens issue(DeviceSession session, String refresh) {
        var access = tokens.forTechnician(session.technicianId,
                DeviceGuard.tokenDeviceId(session.deviceId, session.id.toString()));
        return new DeviceTokens(access.token(), access.expiresAt(), refresh, session.expiresAt, session.technicianId);
    }

    private static ApiException invalidRefresh() {
        return new ApiException(401, "unauthorized", "refresh token is unknown, expired or revoked; log in again");
    }
}
