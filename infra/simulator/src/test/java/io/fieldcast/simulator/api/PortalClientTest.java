package io.fieldcast.simulator.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulated customer's intake answers: every required question that shows, none that would need another. */
class PortalClientTest {

    @Test
    void requiredQuestionsAreAnsweredWithTheFirstOptionNoOrAWord() throws Exception {
        var intake = Json.MAPPER.readTree("""
                [{"id":"symptom","kind":"CHOICE","required":true,"options":[{"value":"no_signal"},{"value":"other"}]},
                 {"id":"symptom_other","kind":"TEXT","required":true,"showIf":{"question":"symptom","equals":"other"}},
                 {"id":"pets","kind":"YES_NO","required":true},
                 {"id":"pets_secured","kind":"YES_NO","required":true,"showIf":{"question":"pets","equals":"yes"}},
                 {"id":"floor","kind":"TEXT","required":true},
                 {"id":"access","kind":"TEXT","required":false}]""");
        assertEquals(Map.of("symptom", "no_signal", "pets", "no", "floor", "n/a"), PortalClient.answers(intake));
    }

    @Test
    void aJobWithNoQuestionsNeedsNoAnswers() throws Exception {
        assertEquals(Map.of(), PortalClient.answers(Json.MAPPER.readTree("[]")));
    }
}
