package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * Which forecast's window the customer was last texted (one row per appointment, from customer-notify's
 * NotificationSent). The window itself is that version's {@link ForecastWindow}.
 */
@Entity
@Table(name = "told_window")
public class ToldWindow extends PanacheEntityBase {

    @Id
    @Column(name = "appointment_id")
    public UUID appointmentId;
    @Column(name = "forecast_version")
    public int forecastVersion;
    /** The message kind that told it: WINDOW_NARROWED, WINDOW_UPDATED or DELAY. */
    public String kind;
    @Column(name = "told_at")
    public Instant toldAt;
}
