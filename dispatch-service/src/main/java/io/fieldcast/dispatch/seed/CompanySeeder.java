package io.fieldcast.dispatch.seed;

import io.fieldcast.dispatch.config.SeedSettings;
import io.fieldcast.dispatch.domain.JobType;
import io.fieldcast.dispatch.portal.IntakeForm;
import io.fieldcast.dispatch.domain.Json;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.events.EventCodec;
import io.fieldcast.platform.cluster.ClusterLocks;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.roadnetwork.GeoPoint;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads a company (territories, job types, technicians) from a JSON file at start-up; entries that already
 * exist are left alone, so a second start (or a dispatcher's later edits) are not overwritten.
 */
@ApplicationScoped
public class CompanySeeder {

    private static final Logger LOG = Logger.getLogger(CompanySeeder.class);

    void onStart(@Observes StartupEvent startup, SeedSettings settings, Roads roads) throws IOException {
        if (settings.company().isEmpty()) {
            return;
        }
        CompanyFile company = read(settings.company().get());
        // Every instance seeds at start-up: one at a time, the later ones find the company there.
        int created = Reactive.inTransaction(() -> ClusterLocks.holdForTransaction("seed-company")
                .chain(() -> seed(company, roads)));
        LOG.infof("seeded %d new records from %s", created, settings.company().get());
    }

    public static CompanyFile read(String location) throws IOException {
        try (InputStream in = location.startsWith("classpath:")
                ? CompanySeeder.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()))
                : Files.newInputStream(Path.of(location))) {
            if (in == null) {
                throw new IOException("seed file not found: " + location);
            }
            return EventCodec.mapper().readValue(in, CompanyFile.class);
        }
    }

    Uni<Integer> seed(CompanyFile company, Roads roads) {
        GeoPoint center = roads.network().bounds().center();
        List<GeoPoint> homes = roads.network().randomResidentialPoints(Math.max(1, company.technicians().size()), 7);
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (var t : company.territories()) {
            chain = chain.chain(n -> Territory.findById(t.id()).chain(existing -> existing != null
                    ? Uni.createFrom().item(n) : territory(t, center).persist().replaceWith(n + 1)));
        }
        for (var j : company.jobTypes()) {
            chain = chain.chain(n -> JobType.findById(j.code()).chain(existing -> existing != null
                    ? Uni.createFrom().item(n) : jobType(j).persist().replaceWith(n + 1)));
        }
        for (int i = 0; i < company.technicians().size(); i++) {
            var t = company.technicians().get(i);
            GeoPoint home = t.homeLat() != null ? new GeoPoint(t.homeLat(), t.homeLon()) : homes.get(i);
            chain = chain.chain(n -> Technician.findById(t.id()).chain(existing -> existing != null
                    ? Uni.createFrom().item(n) : technician(t, home).persist().replaceWith(n + 1)));
        }
        return chain;
    }

    private static Territory territory(CompanyFile.TerritorySeed s, GeoPoint center) {
        Territory t = new Territory();
        t.id = s.id();
        t.name = s.name();
        t.timeZone = s.timeZone();
        t.centerLat = s.centerLat() != null ? s.centerLat() : center.lat();
        t.centerLon = s.centerLon() != null ? s.centerLon() : center.lon();
        t.radiusKm = s.radiusKm() != null ? s.radiusKm() : 30;
        t.windowProfile = s.windowProfile();
        t.emergencyReservePct = s.emergencyReservePct() != null ? s.emergencyReservePct() : 15;
        t.windows(); // fails early on a malformed profile
        return t;
    }

    private static JobType jobType(CompanyFile.JobTypeSeed s) {
        JobType j = new JobType();
        j.code = s.code();
        j.name = s.name();
        j.defaultDurationMin = s.defaultDurationMin();
        j.requiredSkills = Json.write(s.requiredSkills() == null ? Map.of() : s.requiredSkills());
        j.intake = IntakeForm.checked(s.intake()).json();
        j.bookableOnline = s.bookableOnline() == null || s.bookableOnline();
        j.cancelCutoffMin = s.cancelCutoffMin() == null ? 120 : s.cancelCutoffMin();
        return j;
    }

    private static Technician technician(CompanyFile.TechnicianSeed s, GeoPoint home) {
        Technician t = new Technician();
        t.id = s.id();
        t.name = s.name();
        t.phone = s.phone();
        t.territoryId = s.territoryId();
        t.homeLat = home.lat();
        t.homeLon = home.lon();
        t.skills = Json.write(s.skills() == null ? Map.of() : s.skills());
        t.weeklyShifts = Json.write(s.weeklyShifts());
        t.breakMinutes = s.breakMinutes() != null ? s.breakMinutes() : 30;
        t.breakWindow = s.breakWindow() != null ? s.breakWindow() : "11:30-14:00";
        return t;
    }
}
