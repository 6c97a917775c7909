package io.fieldcast.notify.persistence;

import io.fieldcast.platform.privacy.PrivacySettings;
import io.fieldcast.platform.privacy.RetentionPass;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The personal data notify keeps, and its erasure: when a customer is forgotten, and past retention (platform's
 * {@code PrivacyRetention} runs {@link #run}). Rows stay with their kinds, states and times, so counts of messages
 * and visits hold; recipients, subjects, bodies, carrier errors, names, phones, e-mails and inbound texts go.
 * Appointment views are fenced like the policy's writes ({@code version}), so a batch that read one before it was
 * erased is read again. Call {@link #forget} inside a transaction.
 */
@ApplicationScoped
public class PersonalData implements RetentionPass {

    /** A message's personal columns erased; one not handed over yet will never be (FAILED, "customer forgotten"). */
    private static final String ERASE_MESSAGE = """
            update notification set recipient = '', subject = null, body = '',
                   state = case when state = 'PENDING' then 'FAILED' else state end,
                   last_error = case when state = 'PENDING' then 'customer forgotten'
                                     when state = 'SUPPRESSED' then last_error else null end""";
    /** A webhook body's customer details erased; one not delivered yet never will be (FAILED, "customer forgotten"). */
    private static final String ERASE_WEBHOOK = """
            update webhook_delivery set payload = '',
                   state = case when state = 'PENDING' then 'FAILED' else state end,
                   last_error = case when state = 'PENDING' then 'customer forgotten' else last_error end""";
    private static final String ERASE_CONTACT = """
            update appointment_contact set first_name = null, phone = null, email = null, manage_url = null,
                   home_lat = null, home_lon = null, version = version + 1""";

    /**
     * Erases what notify holds of the customer and of {@code appointments}; returns what it counted. The inbound
     * texts of the customer's phones go too (replies are matched by phone, not by appointment).
     */
    public Uni<Map<String, Integer>> forget(UUID customer, List<UUID> appointments) {
        Map<String, Integer> erased = new LinkedHashMap<>();
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update sms_inbound set phone = '', reply = null
                        where phone in (select phone from appointment_contact where phone is not null
                                        and (customer_id = :customer or appointment_id in (:ids)))""")
                .setParameter("customer", customer).setParameter("ids", appointments).executeUpdate()
                .invoke(n -> erased.put("inboundTexts", n))
                // Portal texts sent before any appointment (one-time codes) are the customer's by phone.
                .chain(() -> s.createNativeQuery(ERASE_MESSAGE + " " + """
                                 where appointment_id is null and recipient <> ''
                                   and recipient in (select phone from appointment_contact where phone is not null
                                                     and (customer_id = :customer or appointment_id in (:ids)))""")
                        .setParameter("customer", customer).setParameter("ids", appointments).executeUpdate())
                .invoke(n -> erased.put("portalTexts", n))
                .chain(() -> s.createNativeQuery(ERASE_CONTACT
                                + " where customer_id = :customer or appointment_id in (:ids)")
                        .setParameter("customer", customer).setParameter("ids", appointments).executeUpdate())
                .invoke(n -> erased.put("contacts", n))
                .chain(() -> s.createNativeQuery(ERASE_MESSAGE + " where appointment_id in (:ids)")
                        .setParameter("ids", appointments).executeUpdate())
                .invoke(n -> erased.put("messages", n))
                .chain(() -> s.createNativeQuery(ERASE_WEBHOOK + " where appointment_id in (:ids) and payload <> ''")
                        .setParameter("ids", appointments).executeUpdate())
                .invoke(n -> erased.put("webhookDeliveries", n)))
                .replaceWith(erased);
    }

    @Override
    public String name() {
        return "notify.messages";
    }

    /**
     * Messages, inbound texts and webhook bodies older than {@code message-contents} (those still being sent wait),
     * and the views of appointments whose window ended more than {@code visit-details} ago.
     */
    @Override
    public int run(Instant now, PrivacySettings settings) {
        OffsetDateTime messages = now.minus(settings.messageContents()).atOffset(ZoneOffset.UTC);
        OffsetDateTime visits = now.minus(settings.visitDetails()).atOffset(ZoneOffset.UTC);
        return Reactive.inTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(ERASE_MESSAGE
                        + " where created_at < :cutoff and state not in ('PENDING', 'SENDING')"
                        + " and (body <> '' or recipient <> '')")
                .setParameter("cutoff", messages).executeUpdate()
                .chain(n -> s.createNativeQuery("""
                                update sms_inbound set phone = '', reply = null
                                where received_at < :cutoff and phone <> ''""")
                        .setParameter("cutoff", messages).executeUpdate().map(m -> n + m))
                .chain(n -> s.createNativeQuery(ERASE_CONTACT + " where window_end < :cutoff"
                                + " and (first_name is not null or phone is not null or email is not null"
                        + " or manage_url is not null)")
                        .setParameter("cutoff", visits).executeUpdate().map(m -> n + m))
                .chain(n -> s.createNativeQuery("update webhook_delivery set payload = '' where created_at < :cutoff"
                                + " and state <> 'PENDING' and payload <> ''")
                        .setParameter("cutoff", messages).executeUpdate().map(m -> n + m))));
    }
}
