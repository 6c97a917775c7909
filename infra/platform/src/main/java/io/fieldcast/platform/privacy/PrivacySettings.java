package io.fieldcast.platform.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long personal data is kept (beyond GPS, which eta-service keeps {@code fieldcast.eta.history.retention-days}).
 * Past these periods, measured on the service's clock from the end of a finished visit's window (or a message's
 * creation), the data is anonymized the way "forget this customer" does it: the rows stay, so reports over weeks
 * still count visits and messages. The table of what each period covers is in the root README ("Where data lives").
 */
@ConfigMapping(prefix = "fieldcast.privacy")
public interface PrivacySettings {

    /** Whether this instance runs the retention passes (one instance runs each pass, see {@code ClusterJobs}). */
    @WithDefault("true")
    boolean retentionEnabled();

    /** How often the passes run. */
    @WithDefault("PT6H")
    Duration retentionEvery();

    /** Texts and e-mails (recipient, subject, body) and inbound SMS (phone, reply): 90 days after they were made. */
    @WithDefault("P90D")
    Duration messageContents();

    /**
     * What a finished visit said about the customer beyond the booking itself: appointment notes, the phone's copy of
     * the route (name, phone, address, notes), tap notes, notify's contact view: 90 days after the visit's window.
     */
    @WithDefault("P90D")
    Duration visitDetails();

    /**
     * A customer record (name, phone, e-mail, address) with no appointment whose window ended within this period
     * and none open, and the addresses of finished appointments older than it: 400 days (a yearly service visit
     * still finds its customer).
     */
    @WithDefault("P400D")
    Duration inactiveCustomers();
}
