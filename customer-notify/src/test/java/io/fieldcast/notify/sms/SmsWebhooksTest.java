package io.fieldcast.notify.sms;

import io.fieldcast.platform.rest.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmsWebhooksTest {

    private static final Optional<String> REAL = Optional.of("5f1d0c9e8b7a69584736251403f2e1d0");

    @Test
    void outboxChannelNeedsNoKeyAndKeepsTheWebhooksClosed() {
        assertEquals(Optional.empty(), SmsWebhooks.problem("db-outbox", "auto", Optional.empty()));
        var webhooks = new SmsWebhooks("db-outbox", "auto", Optional.empty());
        var closed = assertThrows(ApiException.class, webhooks::keyOrNotFound);
        assertEquals(404, closed.status());
        assertTrue(closed.getMessage().contains("FIELDCAST_NOTIFY_SMS_CHANNEL=twilio"), closed.getMessage());
        assertThrows(ApiException.class, new SmsWebhooks("twilio", "off", REAL)::keyOrNotFound);
    }

    @Test
    void twilioOrOpenWebhooksRefuseToStartWithoutARealToken() {
        assertTrue(SmsWebhooks.problem("twilio", "auto", Optional.empty()).orElseThrow()
                .contains("FIELDCAST_TWILIO_AUTH_TOKEN is not set"));
        assertTrue(SmsWebhooks.problem("db-outbox", "on", Optional.empty()).orElseThrow()
                .startsWith("the SMS webhooks are on"));
        // The placeholder that used to be the default, in any case, and hand-typed short values.
        assertTrue(SmsWebhooks.problem("twilio", "auto", Optional.of("change-me")).isPresent());
        assertTrue(SmsWebhooks.problem("twilio", "auto", Optional.of("CHANGE-ME")).isPresent());
        assertTrue(SmsWebhooks.problem("twilio", "auto", Optional.of("abc123")).isPresent());
        // An installation that turned its webhooks off still may not send through Twilio without a token.
        assertTrue(SmsWebhooks.problem("twilio", "off", Optional.empty()).isPresent());
        var startUp = assertThrows(IllegalStateException.class,
                () -> new SmsWebhooks("twilio", "auto", Optional.of("change-me")).refuseToStartWithoutAKey(null));
        assertTrue(startUp.getMessage().contains("placeholder"), startUp.getMessage());
    }

    @Test
    void aRealTokenOpensTheWebhooksWhenSmsGoThroughTwilioOrTheyAreSwitchedOn() {
        assertEquals(Optional.empty(), SmsWebhooks.problem("twilio", "auto", REAL));
        assertEquals(REAL.get(), new SmsWebhooks("twilio", "auto", REAL).keyOrNotFound());
        assertEquals(REAL.get(), new SmsWebhooks("db-outbox", "on", REAL).keyOrNotFound());
        assertFalse(SmsWebhooks.on("db-outbox", "auto"));
    }

    @Test
    void anUnknownSwitchValueIsAStartUpError() {
        assertTrue(SmsWebhooks.problem("db-outbox", "maybe", Optional.empty()).orElseThrow()
                .contains("use auto, on or off"));
    }
}
