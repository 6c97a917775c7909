package io.fieldcast.dispatch.persistence;

import io.fieldcast.dispatch.domain.LatestForecast;
import io.fieldcast.dispatch.domain.ToldWindow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The windows customers were last texted, as NotificationSent told them ({@link #of}); for planning, also the first
 * windows eta-service published whose text is still on its way ({@link #committed}).
 */
@ApplicationScoped
public class ToldWindows {

    /**
     * The kind of a first window eta-service published and customer-notify has not texted back yet (the text waits for
     * the sender, or for the end of quiet hours): {@link #committed} counts it as told.
     */
    public static final String BEING_TOLD = "BEING_TOLD";

    /** A window the customer was told, by which message and when. */
    public record Told(Instant start, Instant end, int forecastVersion, String kind, Instant toldAt) {

        /**
         * Whether this is a window of {@code date} in {@code zone}: one told for another day (before a reschedule whose
         * confirmation is still held) binds nothing on this one.
         */
        public boolean on(LocalDate date, ZoneId zone) {
            return start.atZone(zone).toLocalDate().equals(date);
        }

        private static Told texted(ToldWindow t) {
            return new Told(t.windowStart, t.windowEnd, t.forecastVersion, t.kind, t.toldAt);
        }
    }

    /** Runs inside the caller's session. An appointment is left out when never told, or told a void since. */
    public Uni<Map<UUID, Told>> of(List<UUID> appointments) {
        if (appointments.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ToldWindow.<ToldWindow>list("appointmentId in ?1 and windowStart is not null", appointments)
                .map(told -> {
                    Map<UUID, Told> out = new HashMap<>();
                    told.forEach(t -> out.put(t.appointmentId, Told.texted(t)));
                    return out;
                });
    }

    /**
     * What a plan must keep: the windows texted ({@link #of}) and, for a visit never texted a window (or texted a void
     * before it), the first window eta-service published since, whose text is on its way ({@link #BEING_TOLD}). A first
     * window is published the moment eta-service has decided to tell it, and reaches the customer a few seconds later
     * (hours later in quiet hours); a re-plan solved meanwhile that saw only the texts moved such a visit hours later:
     * pooled over seven demo runs, first windows told while a re-plan of their day was being solved were kept 27 of 35
     * times, the others 258 of 283. Runs inside the caller's session.
     */
    public Uni<Map<UUID, Told>> committed(List<UUID> appointments) {
        if (appointments.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ToldWindow.<ToldWindow>list("appointmentId in ?1", appointments).chain(texts ->
                LatestForecast.<LatestForecast>list("appointmentId in ?1", appointments).map(forecasts -> {
                    Map<UUID, ToldWindow> textById = new HashMap<>();
                    texts.forEach(t -> textById.put(t.appointmentId, t));
                    Map<UUID, Told> out = new HashMap<>();
                    for (LatestForecast f : forecasts) {
                        ToldWindow text = textById.get(f.appointmentId);
                        if (beingTold(text, f)) {
                            out.put(f.appointmentId, new Told(f.windowStart, f.windowEnd, f.forecastVersion,
                                    BEING_TOLD, f.updatedAt));
                        }
                    }
                    texts.stream().filter(t -> t.windowStart != null)
                            .forEach(t -> out.put(t.appointmentId, Told.texted(t)));
                    return out;
                }));
    }

    /** A first window published and not texted yet: no window text, and no void texted after it was published. */
    static boolean beingTold(ToldWindow text, LatestForecast published) {
        if (published.windowStart == null || published.windowEnd == null) {
            return false;
        }
        if (text == null) {
            return true;
        }
        return text.windowStart == null && text.toldAt != null && published.updatedAt != null
                && published.updatedAt.isAfter(text.toldAt);
    }
}
