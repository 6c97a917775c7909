package io.fieldcast.notify.contacts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Notify's own copy of who to tell about an appointment and what was promised. */
@Entity
@Table(name = "appointment_contact")
public class AppointmentContact extends PanacheEntityBase {

    @Id
    @Column(name = "appointment_id")
    public UUID appointmentId;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "first_name")
    public String firstName;
    public String phone;
    public String email;
    public String language;
    @Column(name = "sms_opt_in")
    public boolean smsOptIn;
    @Column(name = "email_opt_in")
    public boolean emailOptIn;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "window_end")
    public Instant windowEnd;
    /** BOOKED or CANCELED. */
    public String status;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
