package io.fieldcast.dispatch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The customer portal: the booking page, the manage links in texts, one-time codes, the waitlist. */
@ConfigMapping(prefix = "fieldcast.portal")
public interface PortalSettings {

    /** Where customers reach the portal's pages ({@code /book}, {@code /manage}): links in texts start with it. */
    String publicUrl();

    /** HMAC key of the manage links (16+ characters), required: {@code FIELDCAST_PORTAL_LINK_SECRET}. */
    Optional<String> linkSecret();

    /** How long after the window a manage link still opens (a missed visit is booked again from it). */
    @WithDefault("P14D")
    Duration linkValidAfterWindow();

    Codes codes();

    Limits limits();

    Waitlist waitlist();

    /** One-time codes that prove the person booking holds the phone. */
    interface Codes {
        @WithDefault("PT10M")
        Duration validFor();

        /** Wrong guesses before a code is spent. */
        @WithDefault("5")
        int maxAttempts();

        /** Codes one phone may be sent per quarter of an hour, and per day. */
        @WithDefault("3")
        int perQuarterHour();

        @WithDefault("10")
        int perDay();
    }

    /** Abuse limits of online booking. */
    interface Limits {
        /** Open (not yet visited) portal bookings one phone may hold. */
        @WithDefault("3")
        int openBookingsPerPhone();

        /** Open portal bookings at one address (within {@code sameAddressMeters}). */
        @WithDefault("2")
        int openBookingsPerAddress();

        @WithDefault("30")
        int sameAddressMeters();
    }

    /** Earlier windows offered to waitlisted customers. */
    interface Waitlist {
        /** How many waitlisted customers one freed window is offered to at once; the first to accept gets it. */
        @WithDefault("3")
        int offerTo();

        /** How long an offer holds. */
        @WithDefault("PT30M")
        Duration offerValidFor();

        /** How often freed windows are looked for (also a moment after every cancellation). */
        @WithDefault("PT30S")
        Duration scanEvery();
    }
}
