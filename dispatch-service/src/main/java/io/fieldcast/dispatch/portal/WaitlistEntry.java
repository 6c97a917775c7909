package io.fieldcast.dispatch.portal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A customer waiting for an earlier window than the one they have: WAITING, OFFERED, FILLED or ENDED. */
@Entity
@Table(name = "portal_waitlist")
public class WaitlistEntry extends PanacheEntityBase {

    @Id
    @Column(name = "appointment_id")
    public UUID appointmentId;
    @Column(name = "territory_id")
    public String territoryId;
    @Column(name = "created_at")
    public Instant createdAt;
    public String status;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
