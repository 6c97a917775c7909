package io.fieldcast.dispatch.booking;

import io.fieldcast.platform.privacy.PrivacySettings;
import io.fieldcast.platform.privacy.RetentionPass;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Dispatch's share of the privacy retention (platform's {@code PrivacyRetention} runs it): the notes of finished
 * visits after {@code visit-details}; after {@code inactive-customers}, finished appointments lose their address and
 * exact place as forgetting does, and so does a customer with no appointment in that period and none open. Rows stay:
 * reports still count the visits.
 */
@ApplicationScoped
public class PersonalDataRetention implements RetentionPass {

    private static final String FINISHED = " status not in ('BOOKED', 'SCHEDULED', 'EN_ROUTE', 'ON_SITE')";

    @Override
    public String name() {
        return "dispatch.customers";
    }

    @Override
    public int run(Instant now, PrivacySettings settings) {
        OffsetDateTime details = now.minus(settings.visitDetails()).atOffset(ZoneOffset.UTC);
        OffsetDateTime inactive = now.minus(settings.inactiveCustomers()).atOffset(ZoneOffset.UTC);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return Reactive.inTransaction(() -> update("""
                        update appointment set notes = null, intake = null, version = version + 1
                        where notes is not null and window_end < :cutoff and """ + FINISHED, details, at)
                .chain(notes -> update("""
                        update appointment set address = '', notes = null, intake = null,
                            lat = round(cast(lat as numeric), 2),
                               lon = round(cast(lon as numeric), 2), erased_at = :at,
                               version = version + 1
                        where erased_at is null and window_end < :cutoff and """ + FINISHED, inactive, at)
                        .map(places -> notes + places))
                .chain(appointments -> update("""
                        update customer c set name = '', phone = '', email = null, address = '',
                               lat = round(cast(lat as numeric), 2), lon = round(cast(lon as numeric), 2),
                               forgotten_at = :at, version = version + 1
                        where c.forgotten_at is null and c.created_at < :cutoff
                          and not exists (select 1 from appointment a where a.customer_id = c.id
                                          and (a.window_end >= :cutoff
                                               or a.status in ('BOOKED', 'SCHEDULED', 'EN_ROUTE', 'ON_SITE')))""",
                        inactive, at).map(customers -> appointments + customers)));
    }

    private static Uni<Integer> update(String sql, OffsetDateTime cutoff, OffsetDateTime at) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql).setParameter("cutoff", cutoff);
            if (sql.contains(":at")) {
                query.setParameter("at", at);
            }
            return query.executeUpdate();
        });
    }
}
