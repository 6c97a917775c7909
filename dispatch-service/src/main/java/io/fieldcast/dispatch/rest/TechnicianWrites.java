package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.domain.Json;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.rest.ReferenceDtos.TechnicianBody;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.events.Events;
import io.fieldcast.events.TechnicianStatusChanged;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.rest.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;

/**
 * The one way a technician is created or replaced, by the API ({@code PUT /api/technicians/{id}}) and by a CSV import:
 * the territory must exist, the home is snapped to the road network, the change is audited, and a technician switched
 * off or on is announced (their phones' sessions end at once). Runs inside the caller's transaction.
 */
@ApplicationScoped
public class TechnicianWrites {

    private final Roads roads;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;

    public TechnicianWrites(Roads roads, AuditLog audit, Outbox outbox, Clock clock) {
        this.roads = roads;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Whether {@code body} can be written (a 400 naming the field otherwise): the home is on the map. */
    public void check(TechnicianBody body) {
        roads.snap(body.homeLat(), body.homeLon(), "homeLat");
    }

    /** Creates or replaces {@code body.id()}, audited as {@code actor}; inside a transaction. */
    public Uni<Technician> put(TechnicianBody body, String actor) {
        // Technicians start and end their day at home: it must be on the road network like any address.
        var home = roads.snap(body.homeLat(), body.homeLon(), "homeLat");
        String id = body.id();
        return Territory.findById(body.territoryId())
                .onItem().ifNull().failWith(() -> ApiException.badRequest("territoryId", "unknown territory"))
                .chain(ignored -> Technician.<Technician>findById(id)).chain(existing -> {
                    Technician t = existing != null ? existing : new Technician();
                    Object before = existing == null ? null : Json.write(existing);
                    t.id = id;
                    t.name = body.name();
                    t.phone = body.phone();
                    t.territoryId = body.territoryId();
                    t.homeLat = home.lat();
                    t.homeLon = home.lon();
                    t.skills = Json.write(body.skills() == null ? Map.of() : body.skills());
                    t.weeklyShifts = Json.write(body.weeklyShifts());
                    t.breakMinutes = body.breakMinutes() == null ? 30 : body.breakMinutes();
                    t.breakWindow = body.breakWindow() == null ? "11:30-14:00" : body.breakWindow();
                    boolean wasActive = existing == null || existing.active;
                    t.active = body.active() == null || body.active();
                    // Phones follow the switch: a deactivated technician's sessions end at once (tech-mobile-api).
                    Uni<Void> told = wasActive == t.active ? Uni.createFrom().voidItem()
                            : outbox.append(new TechnicianStatusChanged(Events.newId(), clock.instant(),
                                    TechnicianStatusChanged.SCHEMA_VERSION, id, t.active, actor));
                    return t.persist().chain(() -> audit.record("technician", id,
                                    existing == null ? "CREATED" : "UPDATED", actor, null, before, body))
                            .chain(() -> told).replaceWith(t);
                });
    }
}
