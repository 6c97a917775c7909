package io.fieldcast.notify.contacts;

import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Keeps {@link AppointmentContact} current from the appointments topic (applied once per event). */
@ApplicationScoped
public class AppointmentContactsHandler implements EventHandler {

    @Override
    public String consumerGroup() {
        return "notify.appointment-contacts";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.APPOINTMENTS);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        return switch (event) {
            case AppointmentBooked booked -> AppointmentContact.<AppointmentContact>findById(booked.appointmentId())
                    .chain(existing -> {
                        AppointmentContact c = existing != null ? existing : new AppointmentContact();
                        c.appointmentId = booked.appointmentId();
                        if (booked.customer() != null) {
                            c.customerId = booked.customer().customerId();
                            c.firstName = booked.customer().firstName();
                            c.phone = booked.customer().phone();
                            c.email = booked.customer().email();
                            c.language = booked.customer().language() == null ? "en" : booked.customer().language();
                            c.smsOptIn = booked.customer().smsOptIn();
                            c.emailOptIn = booked.customer().emailOptIn();
                        }
                        c.timeZone = booked.timeZone();
                        c.windowStart = booked.windowStart();
                        c.windowEnd = booked.windowEnd();
                        c.status = "BOOKED";
                        c.updatedAt = booked.occurredAt();
                        return c.persist().replaceWithVoid();
                    });
            case AppointmentRescheduled moved -> update(moved.appointmentId(), c -> {
                c.windowStart = moved.windowStart();
                c.windowEnd = moved.windowEnd();
                c.updatedAt = moved.occurredAt();
            });
            case AppointmentCanceled canceled -> update(canceled.appointmentId(), c -> {
                c.status = "CANCELED";
                c.updatedAt = canceled.occurredAt();
            });
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> update(java.util.UUID id, java.util.function.Consumer<AppointmentContact> change) {
        // An update for an appointment we never saw booked (e.g. before notify existed) has nothing to change.
        return AppointmentContact.<AppointmentContact>findById(id).invoke(c -> {
            if (c != null) {
                change.accept(c);
            }
        }).replaceWithVoid();
    }
}
