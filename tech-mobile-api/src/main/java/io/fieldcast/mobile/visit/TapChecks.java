package io.fieldcast.mobile.visit;

import io.fieldcast.mobile.config.MobileSettings;
import io.fieldcast.platform.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The checks every tap from the phone shares, status or time left: the appointment id in the path is a UUID, and
 * the phone's clock is plausible (at most {@code fieldcast.mobile.ingest.max-future} ahead, {@code max-age} old).
 */
@ApplicationScoped
public class TapChecks {

    private final MobileSettings settings;
    private final Clock clock;

    public TapChecks(MobileSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The path's appointment id; 400 naming {@code appointmentId} when it is not a UUID. */
    public static UUID appointmentId(String appointmentId) {
        try {
            return UUID.fromString(appointmentId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("appointmentId", "must be a UUID");
        }
    }

    /** 400 naming {@code deviceTime} when the phone's time is too far ahead or too old. */
    public void deviceTime(Instant deviceTime) {
        Instant now = clock.instant();
        if (deviceTime.isAfter(now.plus(settings.ingest().maxFuture()))) {
            throw ApiException.badRequest("deviceTime", "is in the future; check the phone's clock");
        }
        if (deviceTime.isBefore(now.minus(settings.ingest().maxAge()))) {
            throw ApiException.badRequest("deviceTime", "is older than " + settings.ingest().maxAge().toDays()
                    + " days");
        }
    }
}
