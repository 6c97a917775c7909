package io.fieldcast.eta.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

/** Converts native-query values, whatever JDBC/Vert.x type the driver hands back. */
public final class Rows {

    private Rows() {
    }

    public static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case OffsetDateTime odt -> odt.toInstant();
            case Instant instant -> instant;
            case LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
            case Date date -> date.toInstant();
            default -> throw new IllegalStateException("unexpected time type " + value.getClass());
        };
    }

    public static LocalDate date(Object value) {
        return switch (value) {
            case null -> null;
            case LocalDate d -> d;
            case java.sql.Date d -> d.toLocalDate();
            default -> LocalDate.parse(value.toString());
        };
    }

    public static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    public static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    public static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
