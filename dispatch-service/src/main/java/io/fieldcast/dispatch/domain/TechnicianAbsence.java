package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.UUID;

/** Days a technician does not work although the weekly pattern says so (sick, vacation, training). */
@Entity
@Table(name = "technician_absence")
public class TechnicianAbsence extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "technician_id")
    public String technicianId;
    @Column(name = "first_day")
    public LocalDate firstDay;
    @Column(name = "last_day")
    public LocalDate lastDay;
    public String kind;
    public String note;

    public boolean covers(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }
}
