package io.fieldcast.dispatch.portal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One freed window offered to a few waitlisted customers; {@code filledBy} is the one who took it. */
@Entity
@Table(name = "portal_offer")
public class WaitlistOffer extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "territory_id")
    public String territoryId;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "window_end")
    public Instant windowEnd;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "filled_by")
    public UUID filledBy;
    @Column(name = "filled_at")
    public Instant filledAt;
}
