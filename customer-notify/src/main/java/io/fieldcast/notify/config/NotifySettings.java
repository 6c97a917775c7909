package io.fieldcast.notify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/** Everything customer-notify can be told, under {@code fieldcast.notify}. */
@ConfigMapping(prefix = "fieldcast.notify")
public interface NotifySettings {

    Policy policy();

    Channels channels();

    Sender sender();

    Twilio twilio();

    Email email();

    Tracking tracking();

    Webhooks webhooks();

    /** Public base URL of this service as customers reach it (links in texts, Twilio signatures behind a proxy). */
    @WithDefault("http://localhost:8084")
    String publicBaseUrl();

    /** Where the "how did we do?" link in the completion text points; {0} is the appointment id. */
    @WithDefault("http://localhost:8084/feedback/{0}")
    String feedbackUrl();

    /**
     * The customer portal's booking page (in dispatch-service), linked from the "we missed you" text when the
     * appointment has no manage link of its own.
     */
    @WithDefault("http://localhost:8081/book")
    String bookingUrl();

    interface Policy {
        /** Local time (customer's zone) from which only "on the way" texts go out. */
        @WithDefault("21:00")
        LocalTime quietStart();

        /** Local time quiet hours end; held messages go out then. */
        @WithDefault("08:00")
        LocalTime quietEnd();

        /** How far the 60-minute window must move from what the customer was told to send an update. */
        @WithDefault("PT15M")
        Duration materialMove();

        /** Window updates per appointment per local day, beyond which moves are not texted. */
        @WithDefault("3")
        int maxUpdatesPerDay();

        /** How far past the promised end a forecast window may end before a delay notice. */
        @WithDefault("PT5M")
        Duration lateTolerance();

        /** Local time on the day before the visit when the reminder goes out. */
        @WithDefault("18:00")
        LocalTime reminderAt();

        /** How often the reminder scheduler looks for appointments due a reminder. */
        @WithDefault("PT1M")
        Duration reminderScan();
    }

    interface Channels {
        /** Channel for SMS: {@code db-outbox} (demo, no carrier) or {@code twilio}. */
        @WithDefault("db-outbox")
        String sms();

        /** Channel for e-mail: {@code db-outbox} or {@code email} (SMTP through the Quarkus mailer). */
        @WithDefault("db-outbox")
        String email();
    }

    interface Sender {
        /** Pause between sender passes over due messages when there was nothing to do. */
        @WithDefault("PT0.05S")
        Duration pollInterval();

        /** Messages handed to channels per pass (recorded with two statements, whatever the number). */
        @WithDefault("200")
        int batchSize();

        /** Attempts before a message ends as NotificationFailed. */
        @WithDefault("5")
        int maxAttempts();

        /** Back-off after the first failed attempt; doubles per attempt. */
        @WithDefault("PT2S")
        Duration initialBackoff();

        /**
         * How long a claimed message is reserved for one sender (real time; at least two channel timeouts plus 10 s, so
         * it outlasts the work it covers). Past it the claimer is presumed dead and the message is reconciled.
         */
        @WithDefault("PT1M")
        Duration lease();

        /** Whether the background sender runs (tests may drive passes themselves). */
        @WithDefault("true")
        boolean enabled();
    }

    interface Twilio {
        /** Base URL of the Twilio-compatible REST API. */
        @WithDefault("https://api.twilio.com")
        String baseUrl();

        /** Account SID (basic-auth user and part of the path). */
        @WithDefault("AC00000000000000000000000000000000")
        String accountSid();

        /**
         * Auth token: basic-auth password and the key of webhook signatures. No default: with SMS through Twilio or
         * the webhooks on, the service refuses to start without a real one ({@code FIELDCAST_TWILIO_AUTH_TOKEN}).
         */
        Optional<String> authToken();

        /**
         * The inbound webhooks ({@code /api/sms/inbound}, {@code /api/sms/status}): {@code auto} = on only when SMS go
         * through Twilio, {@code on}, or {@code off}. Off, they answer 404 to everyone.
         */
        @WithDefault("auto")
        String webhooks();

        /** Sender number (E.164). */
        @WithDefault("+15005550006")
        String from();

        /** Whether delivery-status callbacks are requested (to {@code public-base-url}/api/sms/status). */
        @WithDefault("true")
        boolean statusCallbacks();

        /** Timeout of one REST call. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    interface Email {
        /** From address of customer e-mails. */
        @WithDefault("Fieldcast <no-reply@fieldcast.local>")
        String from();
    }

    interface Tracking {
        /** HMAC key for tracking tokens (16+ characters), required: FIELDCAST_NOTIFY_TRACKING_SECRET. */
        Optional<String> secret();

        /** How long after the promised window ends a tracking link keeps working. */
        @WithDefault("PT12H")
        Duration validAfterWindow();

        /** Requests per token per minute on tracking pages before 429. */
        @WithDefault("60")
        int requestsPerMinute();

        /** Requests per client address per minute on tracking pages (all tokens together) before 429. */
        @WithDefault("300")
        int requestsPerMinutePerAddress();

        /**
         * Streets this far (metres) around the home and the van are drawn on the tracking page's map (from the road
         * network of fieldcast.road.*, the one the other services load; fieldcast.road.enabled=false: no streets, and
         * the van's way is drawn straight).
         */
        @WithDefault("500")
        double roadMarginMeters();

        /** Most road segments sent to a tracking page; the smaller streets are left out first. */
        @WithDefault("2500")
        int maxRoadSegments();

        /** Interval of position updates over SSE. */
        @WithDefault("PT2S")
        Duration pushInterval();
    }

    interface Webhooks {
        /** Whether deliveries are attempted (the events are recorded for the subscriptions either way). */
        @WithDefault("true")
        boolean enabled();

        /** Pause between delivery passes when there was nothing due. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Deliveries claimed per pass. */
        @WithDefault("100")
        int batchSize();

        /** Deliveries in flight at once. */
        @WithDefault("16")
        int concurrency();

        /** How long the receiver has to answer one delivery. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Back-off after the first failed attempt; doubles per attempt up to {@code max-backoff}. */
        @WithDefault("PT10S")
        Duration initialBackoff();

        @WithDefault("PT1H")
        Duration maxBackoff();

        /**
         * A delivery that failed this long after its event is given up (FAILED, listed in the delivery log, can be
         * retried by hand).
         */
        @WithDefault("P3D")
        Duration giveUpAfter();

        /**
         * Consecutive failed attempts after which a subscription is disabled; its deliveries are kept and go out when
         * an admin enables it again.
         */
        @WithDefault("20")
        int disableAfterFailures();
    }
}
