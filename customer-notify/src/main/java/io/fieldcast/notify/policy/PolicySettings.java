package io.fieldcast.notify.policy;

import java.time.Duration;
import java.time.LocalTime;

/**
 * The policy's knobs as plain values, so the policy stays a pure function.
 *
 * @param quietStart       local time quiet hours begin (e.g. 21:00)
 * @param quietEnd         local time quiet hours end (e.g. 08:00)
 * @param materialMove     how far the window start must move from what was told to be worth a text
 * @param maxUpdatesPerDay window updates per appointment per local day
 * @param lateTolerance    how far past the promise's end a forecast window may end before a delay notice
 */
public record PolicySettings(LocalTime quietStart, LocalTime quietEnd, Duration materialMove, int maxUpdatesPerDay,
                             Duration lateTolerance) {
}
