package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.config.PortalSettings;
import io.fieldcast.platform.security.LinkTokens;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The customer's own link to an appointment ({@code <portal>/manage#<token>}): it shows the appointment and lets them
 * reschedule, cancel, wait for an earlier window or book again after a missed visit. The token names the appointment
 * and its expiry ({@link LinkTokens}), keyed with dispatch's own secret ({@code FIELDCAST_PORTAL_LINK_SECRET}), so a
 * tracking link does not open it. The token is in the fragment: browsers do not send it, so it is in no access log.
 */
@Startup
@ApplicationScoped
public class ManageLinks {

    private final PortalSettings settings;
    private final Clock clock;
    private final LinkTokens tokens;

    public ManageLinks(PortalSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = new LinkTokens(LinkTokens.derive("fieldcast-manage-link-v1", settings.linkSecret(),
                "FIELDCAST_PORTAL_LINK_SECRET (fieldcast.portal.link-secret)"));
    }

    /** The link for an appointment whose window ends at {@code windowEnd}. */
    public String urlFor(UUID appointmentId, Instant windowEnd) {
        return settings.publicUrl() + "/manage/#" + tokenFor(appointmentId, windowEnd);
    }

    public String tokenFor(UUID appointmentId, Instant windowEnd) {
        return tokens.issue(appointmentId, windowEnd.plus(settings.linkValidAfterWindow()));
    }

    /** The appointment a genuine, unexpired token names. */
    public Optional<UUID> verify(String token) {
        return token == null || token.length() > 100 ? Optional.empty() : tokens.verify(token, clock.instant());
    }

    /** The booking page, for texts about no appointment in particular. */
    public String bookingPage() {
        return settings.publicUrl() + "/book/";
    }
}
