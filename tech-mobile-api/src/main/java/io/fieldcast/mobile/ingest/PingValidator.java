package io.fieldcast.mobile.ingest;

import io.fieldcast.mobile.config.MobileSettings;
import io.fieldcast.mobile.ingest.PingBatch.Ping;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Checks one ping; returns why it is rejected, or null when it is good. */
final class PingValidator {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final double MAX_SPEED_MPS = 100; // 360 km/h: faster is a GPS glitch, not a service van

    private final MobileSettings.Ingest limits;

    PingValidator(MobileSettings.Ingest limits) {
        this.limits = limits;
    }

    /** Parsed device time of a valid ping, or the reason it is invalid. */
    sealed interface Result permits Valid, Invalid {
    }

    record Valid(Instant deviceTime) implements Result {
    }

    record Invalid(String reason) implements Result {
    }

    Result check(Ping ping, Instant now) {
        if (ping == null) {
            return new Invalid("ping is null");
        }
        if (ping.clientId() == null || !CLIENT_ID.matcher(ping.clientId()).matches()) {
            return new Invalid("clientId: required, 1-64 of A-Z a-z 0-9 . _ : -");
        }
        Instant deviceTime;
        try {
            deviceTime = ping.deviceTime() == null ? null : Instant.parse(ping.deviceTime());
        } catch (DateTimeParseException e) {
            return new Invalid("deviceTime: not an ISO-8601 instant like 2026-03-02T09:15:00Z");
        }
        if (deviceTime == null) {
            return new Invalid("deviceTime: required");
        }
        if (deviceTime.isAfter(now.plus(limits.maxFuture()))) {
            return new Invalid("deviceTime: more than " + limits.maxFuture().toMinutes()
                    + " min in the future; check the phone's clock");
        }
        if (deviceTime.isBefore(now.minus(limits.maxAge()))) {
            return new Invalid("deviceTime: older than " + limits.maxAge().toDays() + " days");
        }
        String position = checkPosition(ping);
        if (position != null) {
            return new Invalid(position);
        }
        if (ping.speed() != null && !(ping.speed() >= 0 && ping.speed() <= MAX_SPEED_MPS)) {
            return new Invalid("speed: must be 0.." + (int) MAX_SPEED_MPS + " m/s");
        }
        if (ping.heading() != null && !(ping.heading() >= 0 && ping.heading() <= 360)) {
            return new Invalid("heading: must be 0..360 degrees");
        }
        return new Valid(deviceTime);
    }

    private String checkPosition(Ping ping) {
        if (ping.lat() == null || !(ping.lat() >= -90 && ping.lat() <= 90)) {
            return "lat: required, -90..90";
        }
        if (ping.lon() == null || !(ping.lon() >= -180 && ping.lon() <= 180)) {
            return "lon: required, -180..180";
        }
        if (ping.lat() == 0 && ping.lon() == 0) {
            return "lat/lon: 0,0 is a phone without a fix";
        }
        if (ping.accuracy() == null || !(ping.accuracy() > 0 && ping.accuracy() <= limits.maxAccuracyMeters())) {
            return "accuracy: required, above 0 and at most " + (int) limits.maxAccuracyMeters() + " m";
        }
        return null;
    }
}
