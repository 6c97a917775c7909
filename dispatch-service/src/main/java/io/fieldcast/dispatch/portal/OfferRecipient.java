package io.fieldcast.dispatch.portal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** One waitlisted appointment an offer went to: OFFERED, ACCEPTED, TAKEN (by someone else) or EXPIRED. */
@Entity
@Table(name = "portal_offer_recipient")
public class OfferRecipient extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "offer_id")
    public UUID offerId;
    @Column(name = "appointment_id")
    public UUID appointmentId;
    public String status;
}
