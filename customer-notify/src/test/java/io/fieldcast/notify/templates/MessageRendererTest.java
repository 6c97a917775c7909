package io.fieldcast.notify.templates;

import io.fieldcast.notify.policy.Decision.Content;
import io.fieldcast.notify.policy.MessageKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageRendererTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final MessageRenderer renderer = new MessageRenderer();
    private final Content window = new Content(Instant.parse("2026-03-02T15:00:00Z"),
            Instant.parse("2026-03-02T16:00:00Z"), Instant.parse("2026-03-02T15:22:00Z"), "Sam", true, false);

    @Test
    void narrowedWindowIsShownInTheCustomersZone() {
        var text = renderer.render(MessageKind.WINDOW_NARROWED, window, "en", NEW_YORK, "Rosa", null);
        assertEquals("Good news Rosa: your window is now 10:00\u201311:00.", text.body());
    }

    @Test
    void onTheWayNamesTheTechnicianArrivalAndLinkInSpanish() {
        var text = renderer.render(MessageKind.ON_THE_WAY, window, "es", NEW_YORK, "Rosa", "https://x/t/abc");
        assertEquals("Sam está en camino y llegará sobre las 10:22. Sígalo aquí: https://x/t/abc", text.body());
    }

    @Test
    void unknownLanguageFallsBackToEnglishAndEveryKindHasATemplate() {
        for (MessageKind kind : MessageKind.values()) {
            if (kind == MessageKind.REPLY_ANSWER) {
                continue;
            }
            for (String language : new String[]{"en", "es", "fr"}) {
                var text = renderer.render(kind, window, language, NEW_YORK, null, "L");
                assertTrue(!text.body().isBlank() && !text.body().contains("{"), kind + "/" + language);
            }
        }
        assertEquals(renderer.text("reply.HELP", "en"), renderer.text("reply.HELP", "fr"));
    }

    @Test
    void aDelaySaysWhyTheWindowMovedAndHowSureWeAreInTheCustomersLanguage() {
        var moved = new Content(Instant.parse("2026-03-02T16:00:00Z"), Instant.parse("2026-03-02T17:00:00Z"), null,
                "Sam", false, false, "PREVIOUS_JOB_LONG", 0.913);
        assertEquals("Sorry Rosa, we are running late. Your new window is 11:00\u201312:00. The job before yours is "
                        + "taking longer than planned. We are 91 % sure of this window. Reply R to reschedule.",
                renderer.render(MessageKind.DELAY, moved, "en", NEW_YORK, "Rosa", null).body());
        assertEquals("Actualizaci\u00f3n: su franja es ahora 11:00\u201312:00. Hemos cambiado el plan del d\u00eda para "
                        + "llegar a tiempo a todas las visitas. Estamos seguros de esta franja al 88 %.",
                renderer.render(MessageKind.WINDOW_UPDATED, new Content(moved.windowStart(), moved.windowEnd(), null,
                        "Sam", false, false, "ROUTE_CHANGED", 0.88), "es", NEW_YORK, "Rosa", null).body());
    }

    @Test
    void anUpdateWithoutACauseReadsAsBefore() {
        // An older eta-service sends no cause: nothing is invented, nothing is left as a placeholder.
        assertEquals("Update: your window is now 10:00\u201311:00.",
                renderer.render(MessageKind.WINDOW_UPDATED, window, "en", NEW_YORK, "Rosa", null).body());
        assertEquals("", renderer.why(null, 0.9, "en"));
        assertEquals("Earlier visits went faster than expected. We are 99 % sure of this window.",
                renderer.why("AHEAD", 1.0, "en"), "never claims 100 %");
    }

    @Test
    void portalTextsAndTheNoShowInBothLanguages() {
        var code = new Content(null, null, null, null, false, false, null, null,
                new io.fieldcast.notify.policy.Decision.Portal("123456", 10, null));
        assertEquals("Your Fieldcast code is 123456. It expires in 10 minutes.",
                renderer.render(MessageKind.PHONE_CODE, code, "en", NEW_YORK, null, null).body());
        assertEquals("Su código de Fieldcast es 123456. Caduca en 1 minuto.",
                renderer.render(MessageKind.PHONE_CODE, new Content(null, null, null, null, false, false, null, null,
                        new io.fieldcast.notify.policy.Decision.Portal("123456", 1, null)), "es", NEW_YORK, null, null)
                        .body());
        assertEquals("Sorry Rosa, we missed you: your technician came by on Monday 2 March but nobody was home. "
                + "Book a new visit here: https://portal/m/1",
                renderer.render(MessageKind.NO_SHOW, window, "en", NEW_YORK, "Rosa", "https://portal/m/1").body());
        assertEquals("Lo sentimos Rosa, no le encontramos: su técnico pasó el lunes 2 marzo pero no había nadie en "
                + "casa. Reserve otra visita aquí: https://portal/m/1",
                renderer.render(MessageKind.NO_SHOW, window, "es", NEW_YORK, "Rosa", "https://portal/m/1").body());
    }

    @Test
    void theBookingConfirmationEndsWithTheManageLinkOnlyWhenThereIsOne() {
        assertTrue(renderer.render(MessageKind.BOOKING_CONFIRMATION, window, "en", NEW_YORK, "Rosa",
                "https://portal/m/1").body().endsWith("STOP to opt out. Change or cancel: https://portal/m/1"));
        assertTrue(renderer.render(MessageKind.BOOKING_CONFIRMATION, window, "es", NEW_YORK, "Rosa",
                "https://portal/m/1").body().endsWith(" Cambiar o cancelar: https://portal/m/1"));
        assertTrue(renderer.render(MessageKind.BOOKING_CONFIRMATION, window, "en", NEW_YORK, "Rosa", null).body()
                .endsWith("STOP to opt out."));
    }
}
