package io.fieldcast.mobile.auth;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.TechnicianStatusChanged;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * An admin deactivated a technician in dispatch: every session of their phones ends at once (refresh fails, access
 * tokens are refused) and the device secret stops working until they are active again. Audited here too.
 */
@ApplicationScoped
public class TechnicianStatusHandler implements EventHandler {

    private final DeviceSessions sessions;
    private final AuditLog audit;

    public TechnicianStatusHandler(DeviceSessions sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    public String consumerGroup() {
        return "mobile.technicians";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TECHNICIANS);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof TechnicianStatusChanged changed) || changed.technicianId() == null) {
            return Uni.createFrom().voidItem();
        }
        String id = changed.technicianId();
        Uni<Integer> revoked = changed.active() ? Uni.createFrom().item(0)
                : sessions.revokeAll(id, "deactivated by " + changed.changedBy());
        return DeviceCredential.<DeviceCredential>findById(id)
                .invoke(credential -> {
                    if (credential != null) {
                        credential.active = changed.active();
                    }
                })
                .chain(() -> revoked)
                .chain(count -> audit.record("technician", id, changed.active() ? "ACTIVATED" : "DEACTIVATED",
                        changed.changedBy(), count + " device session(s) revoked", null, null));
    }
}
