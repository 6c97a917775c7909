package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A technician's learned service time for one job type (from eta-service). */
@Entity
@Table(name = "learned_duration")
public class LearnedDuration extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "technician_id") String technicianId,
                      @Column(name = "job_type") String jobType) implements Serializable {
    }

    @EmbeddedId
    public Key id;
    @Column(name = "p50_min")
    public float p50Min;
    @Column(name = "p90_min")
    public float p90Min;
    public int samples;
    @Column(name = "model_version")
    public String modelVersion;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
