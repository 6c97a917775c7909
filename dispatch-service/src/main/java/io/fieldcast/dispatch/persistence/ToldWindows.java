package io.fieldcast.dispatch.persistence;

import io.fieldcast.dispatch.domain.ForecastWindow;
import io.fieldcast.dispatch.domain.ToldWindow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The windows customers were last texted, resolved from the told forecast version to its window. */
@ApplicationScoped
public class ToldWindows {

    /** A window the customer was told, by which message and when. */
    public record Told(Instant start, Instant end, int forecastVersion, String kind, Instant toldAt) {
    }

    /**
     * Runs inside the caller's session. An appointment is left out when never told, or when the told version's
     * window never reached this service.
     */
    public Uni<Map<UUID, Told>> of(List<UUID> appointments) {
        if (appointments.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ToldWindow.<ToldWindow>list("appointmentId in ?1", appointments).chain(told -> {
            if (told.isEmpty()) {
                return Uni.createFrom().item(Map.<UUID, Told>of());
            }
            List<UUID> ids = told.stream().map(t -> t.appointmentId).toList();
            return ForecastWindow.<ForecastWindow>list("id.appointmentId in ?1", ids).map(windows -> {
                Map<ForecastWindow.Key, ForecastWindow> byKey = new HashMap<>();
                windows.forEach(w -> byKey.put(w.id, w));
                Map<UUID, Told> out = new HashMap<>();
                for (ToldWindow t : told) {
                    ForecastWindow w = byKey.get(new ForecastWindow.Key(t.appointmentId, t.forecastVersion));
                    if (w != null) {
                        out.put(t.appointmentId, new Told(w.windowStart, w.windowEnd, t.forecastVersion, t.kind,
                                t.toldAt));
                    }
                }
                return out;
            });
        });
    }
}
