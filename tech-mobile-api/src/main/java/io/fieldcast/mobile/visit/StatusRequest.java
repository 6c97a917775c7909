package io.fieldcast.mobile.visit;

import io.fieldcast.events.VisitStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A status tap from the phone. {@code clientId} is generated on the phone once per tap, so replays after a lost
 * answer or an offline period are recognised. {@code reasonCode} only with CANNOT_COMPLETE (one of
 * {@link CannotCompleteReason}).
 */
public record StatusRequest(@NotNull VisitStatus status,
                            @Size(max = 40) String reasonCode,
                            @Size(max = 500) String note,
                            @NotNull Instant deviceTime,
                            @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String clientId) {
}
