package io.fieldcast.dispatch.persistence;

import io.fieldcast.dispatch.domain.ToldWindow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The windows customers were last texted, as NotificationSent told them. */
@ApplicationScoped
public class ToldWindows {

    /** A window the customer was told, by which message and when. */
    public record Told(Instant start, Instant end, int forecastVersion, String kind, Instant toldAt) {
    }

    /** Runs inside the caller's session. An appointment is left out when never told, or told a void since. */
    public Uni<Map<UUID, Told>> of(List<UUID> appointments) {
        if (appointments.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ToldWindow.<ToldWindow>list("appointmentId in ?1 and windowStart is not null", appointments)
                .map(told -> {
                    Map<UUID, Told> out = new HashMap<>();
                    told.forEach(t -> out.put(t.appointmentId, new Told(t.windowStart, t.windowEnd, t.forecastVersion,
                            t.kind, t.toldAt)));
                    return out;
                });
    }
}
