package io.fieldcast.platform.it;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

@Entity
@Table(name = "test_note")
public class TestNote extends PanacheEntityBase {

    @Id
    public UUID id;

    public String text;
}
