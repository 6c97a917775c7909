package io.fieldcast.mobile.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What a technician's phone proves itself with. */
@Entity
@Table(name = "device_credential")
public class DeviceCredential extends PanacheEntityBase {

    @Id
    @Column(name = "technician_id")
    public String technicianId;

    @Column(name = "secret_hash")
    public String secretHash;

    public boolean active = true;

    @Column(name = "created_at")
    public Instant createdAt;
}
