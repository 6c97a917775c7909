package io.fieldcast.mobile.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A logged-in phone; the refresh secret is stored only as a SHA-256. */
@Entity
@Table(name = "device_session")
public class DeviceSession extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "technician_id")
    public String technicianId;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "refresh_hash")
    public String refreshHash;

    @Column(name = "previous_hash")
    public String previousHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    public boolean isActive(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
