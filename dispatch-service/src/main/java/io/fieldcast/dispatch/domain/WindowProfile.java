package io.fieldcast.dispatch.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** A territory's arrival windows in local time, e.g. {@code 08:00-12:00,12:00-16:00,16:00-20:00}. */
public record WindowProfile(List<LocalRange> windows) {

    public record LocalRange(LocalTime start, LocalTime end) {

        public static LocalRange parse(String text) {
            String[] parts = text.trim().split("-");
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + text + "' is not HH:MM-HH:MM");
            }
            try {
                LocalRange range = new LocalRange(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
                if (!range.end.isAfter(range.start)) {
                    throw new IllegalArgumentException("'" + text + "' ends before it starts");
                }
                return range;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not HH:MM-HH:MM");
            }
        }

        public Instant startOn(LocalDate date, ZoneId zone) {
            return date.atTime(start).atZone(zone).toInstant();
        }

        public Instant endOn(LocalDate date, ZoneId zone) {
            return date.atTime(end).atZone(zone).toInstant();
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    public WindowProfile {
        windows = List.copyOf(windows);
    }

    public static WindowProfile parse(String text) {
        List<LocalRange> windows = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                windows.add(LocalRange.parse(part));
            }
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a window profile needs at least one window");
        }
        return new WindowProfile(windows);
    }

    @Override
    public String toString() {
        return String.join(",", windows.stream().map(LocalRange::toString).toList());
    }
}
