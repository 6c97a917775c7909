package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A promised visit and its place in the current plan. */
@Entity
@Table(name = "appointment")
public class Appointment extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "territory_id")
    public String territoryId;
    @Column(name = "job_type")
    public String jobType;
    public String address;
    public double lat;
    public double lon;
    @Column(name = "service_date")
    public LocalDate serviceDate;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "window_end")
    public Instant windowEnd;
    @Column(name = "duration_min")
    public int durationMin;
    public int priority;
    @Enumerated(EnumType.STRING)
    public AppointmentStatus status;
    public String notes;
    @Column(name = "technician_id")
    public String technicianId;
    @Column(name = "route_seq")
    public Integer routeSeq;
    @Column(name = "planned_arrival")
    public Instant plannedArrival;
    public boolean pinned;
    @Column(name = "actual_arrival")
    public Instant actualArrival;
    @Column(name = "actual_departure")
    public Instant actualDeparture;
    @Column(name = "created_at")
    public Instant createdAt;
    /** When the appointment's personal data (address, notes, exact coordinates) was erased; null while kept. */
    @Column(name = "erased_at")
    public Instant erasedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Where it was booked: {@code console} or {@code portal}. */
    public String channel = "console";
    /** The customer's answers to the job type's intake questions (JSON object), or null. */
    public String intake;
    /** Why the visit could not be done, as the technician reported it (e.g. CUSTOMER_NOT_HOME), or null. */
    @Column(name = "not_done_reason")
    public String notDoneReason;
    /**
     * The technician's word of the job in hand: about this many minutes left, said at {@link #timeLeftSaidAt} (the
     * phone's time); null when none. Written only by {@code VisitStatusHandler}'s own update, never with the entity,
     * so a word neither bumps {@link #version} (a re-plan writing the day meanwhile is not made to solve again) nor
     * is written back stale by a change made from an earlier read.
     */
    @Column(name = "time_left_minutes", insertable = false, updatable = false)
    public Integer timeLeftMinutes;
    @Column(name = "time_left_said_at", insertable = false, updatable = false)
    public Instant timeLeftSaidAt;
    @Version
    public long version;
}
