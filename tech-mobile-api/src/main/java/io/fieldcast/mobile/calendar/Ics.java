package io.fieldcast.mobile.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes iCalendar (RFC 5545) text: CRLF line ends, TEXT values escaped (backslash, semicolon, comma, new line),
 * lines folded at 75 octets without splitting a UTF-8 character, times in UTC ({@code 20260302T090000Z}).
 */
final class Ics {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private final StringBuilder out = new StringBuilder();

    /** A property with a value written as is (names, UTC times, fixed words). */
    Ics raw(String name, String value) {
        return line(name + ":" + value);
    }

    /** A TEXT property, escaped. */
    Ics text(String name, String value) {
        return value == null || value.isBlank() ? this : line(name + ":" + escape(value));
    }

    Ics time(String name, Instant instant) {
        return line(name + ":" + UTC.format(instant));
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Folds a content line: a CRLF and a space before the octet that would pass 75 (a character is never split). */
    private Ics line(String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
