package io.fieldcast.mobile.device;

import io.fieldcast.mobile.rest.RetryLaterException;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The gate of every technician call: the technician comes from the token's claim only (never from the request),
 * a logged-out or revoked session is refused, and each device is rate-limited.
 */
@ApplicationScoped
public class DeviceGuard {

    private static final String SUBJECT_PREFIX = "device:";
    private static final char SESSION_SEPARATOR = '#';

    private final Revocations revocations;
    private final RateLimiter limiter;

    public DeviceGuard(Revocations revocations, RateLimiter limiter) {
        this.revocations = revocations;
        this.limiter = limiter;
    }

    /** The device id a token is issued for: the phone's id plus the login session, so logout revokes exactly it. */
    public static String tokenDeviceId(String deviceId, String sessionId) {
        return deviceId + SESSION_SEPARATOR + sessionId;
    }

    public DeviceIdentity require(JsonWebToken jwt) {
        String technicianId = jwt.getClaim(Roles.TECHNICIAN_CLAIM);
        if (technicianId == null || technicianId.isBlank()) {
            throw ApiException.forbidden("token is not bound to a technician");
        }
        String subject = jwt.getSubject() == null ? "" : jwt.getSubject();
        String device = subject.startsWith(SUBJECT_PREFIX) ? subject.substring(SUBJECT_PREFIX.length()) : subject;
        int separator = device.lastIndexOf(SESSION_SEPARATOR);
        String sessionId = separator < 0 ? null : device.substring(separator + 1);
        String deviceId = separator < 0 ? device : device.substring(0, separator);
        if (revocations.isRevoked(sessionId)) {
            throw new ApiException(401, "unauthorized", "this device was logged out or revoked; log in again");
        }
        int wait = limiter.acquire(technicianId + '/' + deviceId);
        if (wait > 0) {
            throw RetryLaterException.tooManyRequests(wait);
        }
        return new DeviceIdentity(technicianId, deviceId, sessionId);
    }
}
