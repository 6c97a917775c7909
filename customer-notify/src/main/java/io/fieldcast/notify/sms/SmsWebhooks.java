package io.fieldcast.notify.sms;

import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.platform.rest.ApiException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether Twilio's webhooks are open, and with which key. They are public (Twilio has no platform token), so the key
 * of their signatures is the only lock: with SMS through Twilio or the webhooks on, the service does not start
 * without a real auth token. With SMS in the outbox channel (the demo) they are off and answer 404 to everyone.
 */
@ApplicationScoped
public class SmsWebhooks {

    /** Values that come from examples and templates, never from a Twilio account. */
    static final Set<String> PLACEHOLDERS = Set.of("change-me", "changeme", "change_me", "secret", "password",
            "token", "default", "twilio", "test", "auth-token", "your-auth-token");
    /** Twilio's tokens are 32 characters; anything much shorter was typed by hand. */
    static final int MIN_TOKEN_LENGTH = 12;

    private final boolean on;
    private final Optional<String> token;
    private final Optional<String> problem;

    @Inject
    public SmsWebhooks(NotifySettings settings) {
        this(settings.channels().sms(), settings.twilio().webhooks(), settings.twilio().authToken());
    }

    SmsWebhooks(String sms, String webhooks, Optional<String> authToken) {
        this.token = authToken.map(String::trim).filter(t -> !t.isEmpty());
        this.problem = problem(sms, webhooks, token);
        this.on = problem.isEmpty() && on(sms, webhooks);
    }

    void refuseToStartWithoutAKey(@Observes StartupEvent startup) {
        problem.ifPresent(p -> {
            throw new IllegalStateException(p);
        });
    }

    /** The signing key, when the webhooks are open; otherwise 404, as if they were not there. */
    String keyOrNotFound() {
        if (!on) {
            throw ApiException.notFound("SMS webhook (off: texts go to the outbox channel; it opens with "
                    + "FIELDCAST_NOTIFY_SMS_CHANNEL=twilio or FIELDCAST_TWILIO_WEBHOOKS=on)");
        }
        return token.orElseThrow();
    }

    static boolean on(String smsChannel, String webhooks) {
        return switch (webhooks.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            case "auto" -> "twilio".equals(smsChannel);
            default -> throw new IllegalArgumentException("fieldcast.notify.twilio.webhooks is '" + webhooks
                    + "'; use auto, on or off");
        };
    }

    /** Why the service must not start with these settings, if it must not. */
    static Optional<String> problem(String smsChannel, String webhooks, Optional<String> token) {
        boolean needsKey;
        try {
            needsKey = "twilio".equals(smsChannel) || on(smsChannel, webhooks);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!needsKey) {
            return Optional.empty();
        }
        String why = "twilio".equals(smsChannel) ? "SMS go through Twilio" : "the SMS webhooks are on";
        if (token.isEmpty()) {
            return Optional.of(why + " but FIELDCAST_TWILIO_AUTH_TOKEN is not set: set the account's auth token "
                    + "(it signs the webhooks, which anyone could call otherwise)");
        }
        String t = token.get();
        if (PLACEHOLDERS.contains(t.toLowerCase(Locale.ROOT)) || t.length() < MIN_TOKEN_LENGTH) {
            return Optional.of(why + " but FIELDCAST_TWILIO_AUTH_TOKEN is a placeholder or too short (" + t.length()
                    + " characters): set the account's real auth token");
        }
        return Optional.empty();
    }
}
