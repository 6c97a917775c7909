package io.fieldcast.dispatch.portal;

import io.fieldcast.dispatch.booking.AppointmentDtos;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and answer bodies of the customer portal's API: only what a customer may see of their own booking. */
public final class PortalDtos {

    private static final String LANGUAGE = "en|es";
    private static final String LANGUAGE_MESSAGE = "must be en or es";

    private PortalDtos() {
    }

    /** A job customers may book, with its intake questions. */
    public record PortalJobType(String code, String name, int durationMinutes, int changeCutoffMinutes,
                                List<IntakeForm.Question> intake) {
    }

    public record PortalAddress(String label, double lat, double lon) {
    }

    public record PortalSlot(LocalDate date, Instant windowStart, Instant windowEnd) {
    }

    /** The windows a place can be served in, and the territory's zone to show them in. */
    public record PortalSlots(String timeZone, List<PortalSlot> slots) {
    }

    public record CodeRequest(@NotBlank @Pattern(regexp = AppointmentDtos.E164,
            message = "must be an international number like +12125550100") String phone,
                              @Pattern(regexp = LANGUAGE, message = LANGUAGE_MESSAGE) String language) {
    }

    public record CodeSent(UUID codeId, Instant expiresAt) {
    }

    public record BookRequest(@NotBlank @Size(max = 40) String jobType,
                              @Size(max = 20) Map<@Size(max = 40) String, @Size(max = 400) String> answers,
                              @NotBlank @Size(max = 300) String address,
                              @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                              @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                              @NotNull Instant windowStart,
                              @NotNull Instant windowEnd,
                              @NotBlank @Size(max = 120) String name,
                              @NotBlank @Pattern(regexp = AppointmentDtos.E164,
                                      message = "must be an international number like +12125550100") String phone,
                              @Email @Size(max = 200) String email,
                              @Pattern(regexp = LANGUAGE, message = LANGUAGE_MESSAGE) String language,
                              @NotNull UUID codeId,
                              @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be the 6 digits texted to you")
                              String code,
                              @Size(max = 500) String note) {
    }

    /** A booking made: the manage link is the customer's way back to it. */
    public record Booking(UUID appointmentId, Instant windowStart, Instant windowEnd, String timeZone,
                          String manageUrl, String manageToken) {
    }

    /** An earlier window offered to a waitlisted customer. */
    public record Offer(UUID id, Instant windowStart, Instant windowEnd, Instant expiresAt) {
    }

    /**
     * An appointment as its customer sees it through the manage link. {@code changeUntil}: the last moment they may
     * reschedule or cancel it themselves; {@code waitlist}: null, WAITING, OFFERED or FILLED; {@code missed}: nobody
     * was home when the technician came, so it can be booked again.
     */
    public record Managed(UUID id, String jobType, String jobName, String address, LocalDate date,
                          Instant windowStart, Instant windowEnd, String timeZone, String status, boolean canChange,
                          Instant changeUntil, String waitlist, List<Offer> offers, boolean missed,
                          boolean canRebook, String firstName) {
    }

    public record WindowRequest(@NotNull Instant windowStart, @NotNull Instant windowEnd) {
    }

    public record CancelRequest(@Size(max = 300) String reason) {
    }
}
