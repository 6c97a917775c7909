package io.fieldcast.notify.contacts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A phone number that replied STOP; it gets no texts for any appointment until it replies START. */
@Entity
@Table(name = "sms_opt_out")
public class SmsOptOut extends PanacheEntityBase {

    @Id
    public String phone;
    @Column(name = "opted_out_at")
    public Instant optedOutAt;

    public static Uni<Boolean> isOptedOut(String phone) {
        return phone == null ? Uni.createFrom().item(false)
                : SmsOptOut.<SmsOptOut>findById(phone).map(o -> o != null);
    }
}
