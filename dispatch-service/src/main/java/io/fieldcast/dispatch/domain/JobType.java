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
    @Version
    public long version;

    public Map<String, Integer> requiredSkillMap() {
        return Json.intMap(requiredSkills);
    }
}
