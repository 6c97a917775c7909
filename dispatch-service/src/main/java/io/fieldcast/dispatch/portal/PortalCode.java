package io.fieldcast.dispatch.portal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A one-time code sent to a phone: its keyed hash, its expiry, the guesses made, the booking it made. */
@Entity
@Table(name = "portal_code")
public class PortalCode extends PanacheEntityBase {

    @Id
    public UUID id;
    public String phone;
    @Column(name = "code_hash")
    public String codeHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    public int attempts;
    @Column(name = "used_at")
    public Instant usedAt;
    @Column(name = "appointment_id")
    public UUID appointmentId;
}
