package io.fieldcast.mobile.visit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from the timestamptz columns of native queries. */
final class Times {

    private Times() {
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Object value) {
        return switch (value) {
            case OffsetDateTime odt -> odt.toInstant();
            case Instant i -> i;
            case LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
            case Timestamp ts -> ts.toInstant();
            default -> throw new IllegalStateException("unexpected time type " + value.getClass());
        };
    }
}
