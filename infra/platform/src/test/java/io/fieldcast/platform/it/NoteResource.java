package io.fieldcast.platform.it;

import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.Events;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** A tiny resource of the platform's test application: a row and an outbox event in one transaction. */
@Path("/test/notes")
public class NoteResource {

    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    JsonWebToken jwt;

    public record NewNote(@NotBlank @Size(max = 50) String text,
                          @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number") String phone) {
    }

    @POST
    @RolesAllowed(Roles.DISPATCHER)
    public Uni<Map<String, Object>> create(@Valid NewNote note, @QueryParam("fail") boolean failAfterWrite) {
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> {
            TestNote row = new TestNote();
            row.id = id;
            row.text = note.text();
            return row.persist()
                    .chain(() -> outbox.append(new AppointmentCanceled(Events.newId(), clock.instant(), 1, id,
                            jwt.getName(), note.text())))
                    .invoke(() -> {
                        if (failAfterWrite) {
                            throw new ApiException(409, "conflict", "asked to fail after writing");
                        }
                    });
        }).map(ignored -> Map.of("id", id));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    public Uni<TestNote> get(@PathParam("id") UUID id) {
        return Panache.withSession(() -> TestNote.<TestNote>findById(id))
                .onItem().ifNull().failWith(() -> ApiException.notFound("note " + id));
    }

    @GET
    @Path("/public/ping")
    @PermitAll
    public String ping() {
        return "pong";
    }

    /** What Hibernate Reactive reports while PostgreSQL restarts (seen in the chaos run). */
    @GET
    @Path("/database-away")
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    public Uni<TestNote> databaseAway() {
        return Uni.createFrom().failure(new org.hibernate.HibernateException(
                "HR000092: Unable to open a connection to the database",
                new java.net.ConnectException("Connection refused: localhost/127.0.0.1:25432")));
    }

    @GET
    @Path("/unannotated")
    public String unannotated() {
        return "should never be served";
    }
}
