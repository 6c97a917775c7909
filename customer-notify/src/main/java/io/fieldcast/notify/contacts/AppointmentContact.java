package io.fieldcast.notify.contacts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.fieldcast.notify.policy.AppointmentView;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** Notify's own copy of who to tell about an appointment and what was promised. */
@Entity
@Table(name = "appointment_contact")
public class AppointmentContact extends PanacheEntityBase {

    @Id
    @Column(name = "appointment_id")
    public UUID appointmentId;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "first_name")
    public String firstName;
    public String phone;
    public String email;
    public String language;
    @Column(name = "sms_opt_in")
    public boolean smsOptIn;
    @Column(name = "email_opt_in")
    public boolean emailOptIn;
    @Column(name = "time_zone")
    public String timeZone;
    /** The appointment's territory: a dispatcher sees the contacts and texts of their territories only. */
    @Column(name = "territory_id")
    public String territoryId;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "window_end")
    public Instant windowEnd;
    /** BOOKED or CANCELED. */
    public String status;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Optimistic lock: two instances applying events of one appointment at once cannot overwrite each other. */
    @Version
    public long version;
    @Column(name = "technician_id")
    public String technicianId;
    @Column(name = "technician_first_name")
    public String technicianFirstName;
    @Column(name = "planned_arrival")
    public Instant plannedArrival;
    /** Latest visit status tapped by the technician (EN_ROUTE, ARRIVED, COMPLETED, CANNOT_COMPLETE) or null. */
    @Column(name = "visit_status")
    public String visitStatus;
    @Column(name = "forecast_version")
    public int forecastVersion;
    @Column(name = "forecast_p50")
    public Instant forecastP50;
    @Column(name = "forecast_start")
    public Instant forecastStart;
    @Column(name = "forecast_end")
    public Instant forecastEnd;
    /** The window the customer was last told (narrowed, updated or delayed). */
    @Column(name = "told_start")
    public Instant toldStart;
    @Column(name = "told_end")
    public Instant toldEnd;
    /** Why the told window moved ({@code ArrivalForecast.CAUSE_*}; null for a first window) and how sure it was. */
    @Column(name = "told_cause")
    public String toldCause;
    @Column(name = "told_probability")
    public Double toldProbability;
    @Column(name = "updates_day")
    public LocalDate updatesDay;
    @Column(name = "updates_count")
    public int updatesCount;
    /** The phone replied STOP (copied from {@link SmsOptOut}, kept in step by the inbound webhook). */
    @Column(name = "sms_opted_out")
    public boolean smsOptedOut;

    /**
     * The customer's own link to see, reschedule or cancel the appointment (dispatch's portal; from the booking or a
     * later reschedule), or null. Only http(s) links are kept.
     */
    @Column(name = "manage_url")
    public String manageUrl;

    /** Where the visit is (the booked address's point), for the tracking page's map; null once forgotten. */
    @Column(name = "home_lat")
    public Double homeLat;
    @Column(name = "home_lon")
    public Double homeLon;

    /** The policy's view of this appointment. */
    public AppointmentView view() {
        return new AppointmentView(appointmentId, firstName, phone, email, language, smsOptIn, emailOptIn, smsOptedOut,
                ZoneId.of(timeZone), windowStart, windowEnd, "CANCELED".equals(status), technicianFirstName,
                plannedArrival, visitStatus, forecastVersion, forecastP50, toldStart, toldEnd, updatesDay,
                updatesCount);
    }
}
