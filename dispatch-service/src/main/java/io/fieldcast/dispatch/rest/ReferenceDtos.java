package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.portal.IntakeForm;
import io.fieldcast.dispatch.booking.AppointmentDtos;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Bodies for territories, job types, technicians and absences. */
public final class ReferenceDtos {

    static final String ID = "[A-Za-z0-9._-]{1,40}";
    static final String RANGE = "([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]";

    private ReferenceDtos() {
    }

    public record TerritoryBody(@NotBlank @Pattern(regexp = ID) String id,
                                @NotBlank @Size(max = 100) String name,
                                @NotBlank @Size(max = 60) String timeZone,
                                @NotNull @DecimalMin("-90") @DecimalMax("90") Double centerLat,
                                @NotNull @DecimalMin("-180") @DecimalMax("180") Double centerLon,
                                @NotNull @DecimalMin("0.1") @DecimalMax("500") Double radiusKm,
                                @NotBlank @Pattern(regexp = RANGE + "(," + RANGE + ")*",
                                        message = "must be windows like 08:00-12:00,12:00-16:00") String windowProfile,
                                @Min(0) @Max(90) Integer emergencyReservePct) {
    }

    public record JobTypeBody(@NotBlank @Pattern(regexp = ID) String code,
                              @NotBlank @Size(max = 100) String name,
                              @NotNull @Min(5) @Max(720) Integer defaultDurationMin,
                              @Size(max = 20) Map<@Pattern(regexp = "[a-z0-9_-]{1,30}") String, @Min(1) @Max(5) Integer>
                                      requiredSkills,
                              List<IntakeForm.Question> intake,
                              Boolean bookableOnline,
                              @Min(0) @Max(20160) Integer cancelCutoffMin) {
    }

    public record TechnicianBody(@NotBlank @Pattern(regexp = ID) String id,
                                 @NotBlank @Size(max = 100) String name,
                                 @NotBlank @Pattern(regexp = AppointmentDtos.E164,
                                         message = "must be an E.164 number like +12125550100") String phone,
                                 @NotBlank @Pattern(regexp = ID) String territoryId,
                                 @NotNull @DecimalMin("-90") @DecimalMax("90") Double homeLat,
                                 @NotNull @DecimalMin("-180") @DecimalMax("180") Double homeLon,
                                 @Size(max = 20) Map<@Pattern(regexp = "[a-z0-9_-]{1,30}") String,
                                         @Min(1) @Max(5) Integer> skills,
                                 @NotNull @Size(min = 1, max = 7) Map<@Pattern(
                                         regexp = "MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY",
                                         message = "must be a weekday name like MONDAY") String,
                                         @Pattern(regexp = RANGE, message = "must be like 08:00-17:00") String>
                                         weeklyShifts,
                                 @Min(0) @Max(120) Integer breakMinutes,
                                 @Pattern(regexp = RANGE) String breakWindow,
                                 Boolean active) {
    }

    public record AbsenceBody(@NotNull LocalDate firstDay, @NotNull LocalDate lastDay,
                              @NotBlank @Pattern(regexp = "SICK|VACATION|TRAINING|OTHER") String kind,
                              @Size(max = 500) String note) {
    }
}
