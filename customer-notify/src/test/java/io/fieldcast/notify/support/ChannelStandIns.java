package io.fieldcast.notify.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the Twilio and e-mail channels at local stand-ins (once per test JVM). */
public class ChannelStandIns implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "fieldcast.notify.twilio.base-url", TwilioStandIn.get().baseUrl(),
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(SmtpStandIn.get().port()));
    }

    @Override
    public void stop() {
        // Daemon threads; they end with the JVM.
    }
}
