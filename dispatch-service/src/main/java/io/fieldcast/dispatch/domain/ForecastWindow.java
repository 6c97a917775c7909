package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** The 60-minute window of one forecast version, kept so a later text naming that version can be resolved. */
@Entity
@Table(name = "forecast_window")
public class ForecastWindow extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "appointment_id") UUID appointmentId,
                      @Column(name = "forecast_version") int forecastVersion) implements Serializable {
    }

    @EmbeddedId
    public Key id;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "window_end")
    public Instant windowEnd;
}
