package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** eta-service's latest arrival forecast for one appointment (one row each, overwritten). */
@Entity
@Table(name = "arrival_forecast")
public class LatestForecast extends PanacheEntityBase {

    @Id
    @Column(name = "appointment_id")
    public UUID appointmentId;
    @Column(name = "technician_id")
    public String technicianId;
    @Column(name = "p50_arrival")
    public Instant p50Arrival;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "window_end")
    public Instant windowEnd;
    @Column(name = "probability_in_window")
    public double probabilityInWindow;
    @Column(name = "forecast_version")
    public int forecastVersion;
    public String reason;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
