package io.fieldcast.mobile.calendar;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IcsTest {

    @Test
    void textIsEscapedAndLongLinesFoldAt75OctetsWithoutSplittingACharacter() {
        String description = "Ring twice; the gate, then the door\\back\n" + "ñ".repeat(60);
        String ics = new Ics().text("DESCRIPTION", description).time("DTSTART", Instant.parse("2026-03-02T09:05:00Z"))
                .toString();

        String[] lines = ics.split("\r\n");
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
        }
        // Unfolded (CRLF + space removed) the value is the escaped text, every ñ whole.
        String unfolded = ics.replace("\r\n ", "");
        assertTrue(unfolded.startsWith("DESCRIPTION:Ring twice\\; the gate\\, then the door\\\\back\\n" + "ñ".repeat(60)
                + "\r\n"), unfolded);
        assertEquals("DTSTART:20260302T090500Z", lines[lines.length - 1]);
    }

    @Test
    void anEmptyTextLeavesThePropertyOut() {
        assertEquals("", new Ics().text("LOCATION", " ").text("DESCRIPTION", null).toString());
    }
}
