package io.fieldcast.mobile.visit;

import io.fieldcast.events.JobTimeLeft;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;

/**
 * The technician's read of the job in hand, tapped on the phone while on site: about {@code minutesLeft} minutes to
 * go ({@value JobTimeLeft#MIN_MINUTES}..{@value JobTimeLeft#MAX_MINUTES}), said at {@code deviceTime}.
 * {@code clientId} is generated on the phone once per tap, so a replay after a lost answer or an offline period is
 * recognised.
 */
public record TimeLeftRequest(@NotNull
                              @Min(value = JobTimeLeft.MIN_MINUTES, message = "must be between "
                                      + JobTimeLeft.MIN_MINUTES + " and " + JobTimeLeft.MAX_MINUTES + " minutes")
                              @Max(value = JobTimeLeft.MAX_MINUTES, message = "must be between "
                                      + JobTimeLeft.MIN_MINUTES + " and " + JobTimeLeft.MAX_MINUTES + " minutes")
                              Integer minutesLeft,
                              @NotNull Instant deviceTime,
                              @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String clientId) {
}
