package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.Map;

/** A kind of work (install, repair…) with its default duration and the skills it needs. */
@Entity
@Table(name = "job_type")
public class JobType extends PanacheEntityBase {

    @Id
    public String code;
    public String name;
    @Column(name = "default_duration_min")
    public int defaultDurationMin;
    @Column(name = "required_skills")
    public String requiredSkills;
    /** The intake questions customers answer when booking this job (JSON list, see {@code portal.IntakeForm}). */
    public String intake = "[]";
    /** Whether customers may book this job on the portal (an emergency, say, is phoned in). */
    @Column(name = "bookable_online")
    public boolean bookableOnline = true;
    /** How long before the window a customer may still reschedule or cancel on their own. */
    @Column(name = "cancel_cutoff_min")
    public int cancelCutoffMin = 120;
    @Version
    public long version;

    public Map<String, Integer> requiredSkillMap() {
        return Json.intMap(requiredSkills);
    }
}
