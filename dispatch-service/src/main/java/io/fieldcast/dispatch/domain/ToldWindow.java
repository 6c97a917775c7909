package io.fieldcast.dispatch.domain;

import io.fieldcast.events.TextedWindow;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * What the customer was last texted about an appointment's arrival (one row per appointment, from customer-notify's
 * NotificationSent): the window, or a void (no window: the booked window changed since) which a replayed older
 * window text must not undo.
 */
@Entity
@Table(name = "told_window")
public class ToldWindow extends PanacheEntityBase {

    @Id
    @Column(name = "appointment_id")
    public UUID appointmentId;
    @Column(name = "forecast_version")
    public int forecastVersion;
    /** The message kind that told it: WINDOW_NARROWED, WINDOW_UPDATED, DELAY, or RESCHEDULE_CONFIRMATION (a void). */
    public String kind;
    @Column(name = "told_at")
    public Instant toldAt;
    /** Null for a void. */
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "window_end")
    public Instant windowEnd;

    /** The row as the contract's value, to apply the contract's rule to. */
    public TextedWindow texted() {
        return new TextedWindow(appointmentId, windowStart, windowEnd, forecastVersion, kind, toldAt);
    }

    public void set(TextedWindow texted) {
        appointmentId = texted.appointmentId();
        windowStart = texted.start();
        windowEnd = texted.end();
        forecastVersion = texted.forecastVersion();
        kind = texted.kind();
        toldAt = texted.textedAt();
    }
}
