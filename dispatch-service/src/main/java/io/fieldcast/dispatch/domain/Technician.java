package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.Map;

/** A field technician: home, skills with levels, weekly shifts and break rule. */
@Entity
@Table(name = "technician")
public class Technician extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String phone;
    @Column(name = "territory_id")
    public String territoryId;
    @Column(name = "home_lat")
    public double homeLat;
    @Column(name = "home_lon")
    public double homeLon;
    /** JSON skill → level. */
    public String skills;
    /** JSON weekday → "HH:MM-HH:MM". */
    @Column(name = "weekly_shifts")
    public String weeklyShifts;
    @Column(name = "break_minutes")
    public int breakMinutes;
    @Column(name = "break_window")
    public String breakWindow;
    public boolean active = true;
    @Version
    public long version;

    public Map<String, Integer> skillMap() {
        return Json.intMap(skills);
    }

    public Map<String, String> shiftMap() {
        return Json.stringMap(weeklyShifts);
    }
}
