package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.Json;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.privacy.Forgetting;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** Request and answer bodies of the appointment API. */
public final class AppointmentDtos {

    /** A phone number in E.164 form, for every API that takes one. */
    public static final String E164 = "\\+[1-9][0-9]{6,14}";

    private AppointmentDtos() {
    }

    /** A new customer given inline with a booking (or {@code customerId} for a known one). */
    public record NewCustomer(@NotBlank @Size(max = 120) String name,
                              @NotBlank @Pattern(regexp = E164, message = "must be an E.164 number like +12125550100")
                              String phone,
                              @Email @Size(max = 200) String email,
                              @Pattern(regexp = "[a-z]{2}", message = "must be a two-letter language code") String language,
                              Boolean smsOptIn,
                              Boolean emailOptIn) {
    }

    public record BookRequest(UUID customerId,
                              @Valid NewCustomer customer,
                              @NotBlank @Size(max = 300) String address,
                              @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                              @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                              @NotBlank @Size(max = 40) String jobType,
                              @NotNull Instant windowStart,
                              @NotNull Instant windowEnd,
                              @Min(1) @Max(5) Integer priority,
                              @Size(max = 2000) String notes,
                              @Size(max = 40) String territoryId) {
    }

    public record RescheduleRequest(@NotNull Instant windowStart, @NotNull Instant windowEnd,
                                    @Size(max = 500) String reason) {
    }

    public record CancelRequest(@Size(max = 500) String reason) {
    }

    public record ChangeRequest(@Size(max = 40) String jobType, @Size(max = 2000) String notes,
                                @Min(1) @Max(5) Integer priority, @Size(max = 500) String reason) {
    }

    public record AppointmentView(UUID id, UUID customerId, String territoryId, String jobType, String address,
                                  double lat, double lon, LocalDate serviceDate, Instant windowStart,
                                  Instant windowEnd, int durationMinutes, int priority, AppointmentStatus status,
                                  String notes, String technicianId, Integer routeSeq, Instant plannedArrival,
                                  boolean pinned, long version, String channel, Map<String, String> intake) {

        public static AppointmentView of(Appointment a) {
            return new AppointmentView(a.id, a.customerId, a.territoryId, a.jobType, a.address, a.lat, a.lon,
                    a.serviceDate, a.windowStart, a.windowEnd, a.durationMin, a.priority, a.status, a.notes,
                    a.technicianId, a.routeSeq, a.plannedArrival, a.pinned, a.version, a.channel,
                    a.intake == null ? Map.of() : Json.stringMap(a.intake));
        }

        /** What the audit trail keeps of this view ({@link AuditedAppointment}). */
        public AuditedAppointment audited() {
            return new AuditedAppointment(id, customerId, territoryId, jobType, Forgetting.coarse(lat),
                    Forgetting.coarse(lon), serviceDate, windowStart, windowEnd, durationMinutes, priority, status,
                    digest(notes), technicianId, routeSeq, plannedArrival, pinned, version);
        }

        private static String digest(String notes) {
            if (notes == null) {
                return null;
            }
            String id = AuditLog.searchId(notes);
            return "sha256:" + id.substring(id.length() - 64, id.length() - 48);
        }
    }

    /**
     * An appointment as its audit rows keep it: no address, the area (two decimals, about a kilometre) rather than the
     * home, and a digest of the notes that shows they changed without what they say. Audit rows are append-only, so
     * what they hold cannot be erased when a customer is forgotten: they hold nothing personal in the first place.
     */
    public record AuditedAppointment(UUID id, UUID customerId, String territoryId, String jobType, double lat,
                                     double lon, LocalDate serviceDate, Instant windowStart, Instant windowEnd,
                                     int durationMinutes, int priority, AppointmentStatus status, String notesDigest,
                                     String technicianId, Integer routeSeq, Instant plannedArrival, boolean pinned,
                                     long version) {
    }
}
