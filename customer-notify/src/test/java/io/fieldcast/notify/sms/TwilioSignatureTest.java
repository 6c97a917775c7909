package io.fieldcast.notify.sms;

import io.fieldcast.events.ReplyKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwilioSignatureTest {

    private static final String URL = "https://notify.example.test/api/sms/inbound";
    private static final Map<String, List<String>> PARAMS = Map.of("From", List.of("+12125550100"),
            "Body", List.of("C"), "MessageSid", List.of("SM1"));

    @Test
    void matchesTwilioDocumentedExample() {
        // The example of Twilio's "Webhooks security" page: auth token 12345.
        var params = Map.of("CallSid", List.of("CA1234567890ABCDE"), "Caller", List.of("+12349013030"),
                "Digits", List.of("1234"), "From", List.of("+12349013030"), "To", List.of("+18005551212"));
        assertEquals("0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
                TwilioSignature.sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params));
    }

    @Test
    void signatureCoversUrlAndSortedParameters() {
        String signature = TwilioSignature.sign("token", URL, PARAMS);
        assertTrue(TwilioSignature.valid("token", URL, PARAMS, signature));
        assertFalse(TwilioSignature.valid("other", URL, PARAMS, signature));
        assertFalse(TwilioSignature.valid("token", URL + "x", PARAMS, signature));
        assertFalse(TwilioSignature.valid("token", URL, Map.of("From", List.of("+12125550100"),
                "Body", List.of("STOP"), "MessageSid", List.of("SM1")), signature));
        assertFalse(TwilioSignature.valid("token", URL, PARAMS, null));
    }

    @Test
    void repliesAreUnderstoodInShortLongAndMixedCase() {
        assertEquals(Optional.of(ReplyKind.CONFIRM), ReplyParser.parse(" c "));
        assertEquals(Optional.of(ReplyKind.RESCHEDULE), ReplyParser.parse("Reschedule please"));
        assertEquals(Optional.of(ReplyKind.CANCEL), ReplyParser.parse("CANCEL"));
        assertEquals(Optional.of(ReplyKind.STOP), ReplyParser.parse("stop"));
        assertEquals(Optional.of(ReplyKind.START), ReplyParser.parse("Start"));
        assertEquals(Optional.of(ReplyKind.HELP), ReplyParser.parse("help!"));
        assertEquals(Optional.empty(), ReplyParser.parse("what time?"));
    }
}
