package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** Someone who gets visits: contact, geocoded address, language and notification preferences. */
@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String phone;
    public String email;
    public String address;
    public double lat;
    public double lon;
    public String language;
    @Column(name = "sms_opt_in")
    public boolean smsOptIn;
    @Column(name = "email_opt_in")
    public boolean emailOptIn;
    @Column(name = "created_at")
    public Instant createdAt;
    /** When an admin or retention erased the customer's personal data; such a customer cannot be booked. */
    @Column(name = "forgotten_at")
    public Instant forgottenAt;
    @Version
    public long version;

    public String firstName() {
        String trimmed = name == null ? "" : name.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }
}
