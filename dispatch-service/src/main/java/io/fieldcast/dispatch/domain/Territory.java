package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.ZoneId;

/** An area served by one pool of technicians, with its time zone and arrival-window profile. */
@Entity
@Table(name = "territory")
public class Territory extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "center_lat")
    public double centerLat;
    @Column(name = "center_lon")
    public double centerLon;
    @Column(name = "radius_km")
    public double radiusKm;
    @Column(name = "window_profile")
    public String windowProfile;
    @Column(name = "emergency_reserve_pct")
    public int emergencyReservePct;
    /** JSON map of constraint name to weight ("0hard/0medium/2soft"); null means the defaults. */
    @Column(name = "constraint_weights")
    public String constraintWeights;
    @Version
    public long version;

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public WindowProfile windows() {
        return WindowProfile.parse(windowProfile);
    }

    /** Great-circle distance from the centre in km: which territory a new address belongs to. */
    public double distanceKm(double lat, double lon) {
        double dLat = Math.toRadians(lat - centerLat);
        double dLon = Math.toRadians(lon - centerLon);
        double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(centerLat))
                * Math.cos(Math.toRadians(lat)) * Math.pow(Math.sin(dLon / 2), 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
