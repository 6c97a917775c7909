package io.fieldcast.eta.model;

import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A version another instance of eta-service trained and stored is the one this instance forecasts with next. */
@QuarkusTest
class ModelRefreshTest {

    @Inject
    ModelStore store;

    @Test
    void aVersionTrainedOnAnotherInstanceIsPickedUp() {
        String version = "sibling-" + System.nanoTime();
        // Newer than anything a test trains: the newest stored version.
        LearnedModel trainedElsewhere = new LearnedModel(version, Instant.parse("2999-01-01T00:00:00Z"), "shrinkage",
                "shrinkage", Map.of(), Map.of(), Map.of(), List.of(), List.of());
        LearnedModel before = store.current();
        Reactive.inTransaction(() -> store.save(trainedElsewhere, 7, 9));
        try {
            assertEquals(version, Reactive.inSession(() -> store.versions(1)).getFirst().version());
            store.refresh(); // what the timer does every few seconds
            assertEquals(version, store.current().version());
        } finally {
            Reactive.inTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                    "delete from model_version where version = :v").setParameter("v", version).executeUpdate()));
            store.use(before);
        }
    }

    /** Two trainings at the same data instant (a paused or test clock): the one stored last is the newest, always. */
    @Test
    void ofTwoVersionsTrainedAtTheSameInstantTheOneStoredLastStays() {
        Instant same = Instant.parse("2999-02-01T00:00:00Z");
        String first = "same-a-" + System.nanoTime();
        String second = "same-b-" + System.nanoTime();
        LearnedModel before = store.current();
        try {
            for (String version : List.of(first, second)) {
                LearnedModel model = new LearnedModel(version, same, "shrinkage", "shrinkage", Map.of(), Map.of(),
                        Map.of(), List.of(), List.of());
                Reactive.inTransaction(() -> store.save(model, 7, 9));
            }
            assertEquals(second, Reactive.inSession(() -> store.versions(1)).getFirst().version());
            for (int look = 0; look < 3; look++) {
                store.refresh();
                assertEquals(second, store.current().version(), "look " + look);
            }
        } finally {
            Reactive.inTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                    "delete from model_version where version in (:a, :b)").setParameter("a", first)
                    .setParameter("b", second).executeUpdate()));
            store.use(before);
        }
    }
}
