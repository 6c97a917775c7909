package io.fieldcast.bench.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The waitlist's offers of a territory as dispatch stored them, and whether any freed window went to two customers.
 * An offer is <em>double filled</em> when more than one of its recipients is ACCEPTED, when its {@code filled_by} is
 * not its one accepted recipient, when the audit log records more than one WAITLIST_FILLED for it, or when the bench's
 * customers saw more than one acceptance of it succeed (200).
 */
public final class WaitlistCheck {

    private WaitlistCheck() {
    }

    /** One offer: who filled it, which recipients are ACCEPTED, how many fills the audit log records. */
    public record Offer(String id, String filledBy, List<String> accepted, int auditedFills) {
    }

    public record Result(int offers, int filled, int recipients, Set<String> doubleFilled) {
    }

    /** {@code acceptedByClients}: offer id → appointments whose acceptance of it was answered 200. */
    public static Result check(List<Offer> offers, int recipients, Map<String, ? extends Set<String>> acceptedByClients) {
        Set<String> doubled = new HashSet<>();
        int filled = 0;
        for (Offer o : offers) {
            if (o.filledBy() != null) {
                filled++;
            }
            boolean wrongTaker = o.filledBy() != null && o.accepted().size() == 1
                    && !o.accepted().getFirst().equals(o.filledBy());
            if (o.accepted().size() > 1 || wrongTaker || o.auditedFills() > 1) {
                doubled.add(o.id());
            }
        }
        acceptedByClients.forEach((offer, takers) -> {
            if (takers.size() > 1) {
                doubled.add(offer);
            }
        });
        return new Result(offers.size(), filled, recipients, doubled);
    }

    /** Reads the territory's offers from dispatch's schema and checks them. */
    public static Result load(Connection db, String territory, Map<String, ? extends Set<String>> acceptedByClients)
            throws SQLException {
        Map<String, Integer> audited = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("select reason, count(*) from audit_log where action = "
                + "'WAITLIST_FILLED' and reason like 'offer %' group by reason")) {
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    audited.put(r.getString(1).substring("offer ".length()), r.getInt(2));
                }
            }
        }
        List<Offer> offers = new ArrayList<>();
        int recipients = 0;
        try (PreparedStatement q = db.prepareStatement("""
                select o.id, o.filled_by, r.appointment_id, r.status from portal_offer o
                left join portal_offer_recipient r on r.offer_id = o.id where o.territory_id = ? order by o.id""")) {
            q.setString(1, territory);
            try (ResultSet r = q.executeQuery()) {
                String current = null;
                String filledBy = null;
                List<String> accepted = new ArrayList<>();
                while (r.next()) {
                    String id = r.getString(1);
                    if (!id.equals(current)) {
                        if (current != null) {
                            offers.add(new Offer(current, filledBy, accepted, audited.getOrDefault(current, 0)));
                        }
                        current = id;
                        filledBy = r.getString(2);
                        accepted = new ArrayList<>();
                    }
                    if (r.getString(3) != null) {
                        recipients++;
                        if ("ACCEPTED".equals(r.getString(4))) {
                            accepted.add(r.getString(3));
                        }
                    }
                }
                if (current != null) {
                    offers.add(new Offer(current, filledBy, accepted, audited.getOrDefault(current, 0)));
                }
            }
        }
        return check(offers, recipients, acceptedByClients);
    }
}
