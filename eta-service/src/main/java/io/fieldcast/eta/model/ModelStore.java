package io.fieldcast.eta.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fieldcast.eta.history.Rows;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.time.DomainTimer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import jakarta.annotation.PreDestroy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Model versions in PostgreSQL; the newest one is kept in memory for forecasts. A version trained on another instance
 * of the service is picked up within {@link #REFRESH}: every instance forecasts with the same model.
 */
@ApplicationScoped
public class ModelStore {

    private static final Logger LOG = Logger.getLogger(ModelStore.class);

    /** One stored version, without the (large) model itself. */
    public record VersionInfo(String version, Instant trainedAt, String serviceMethod, String travelMethod,
                              int serviceSamples, int travelSamples, String evaluation) {
    }

    /** How often an instance looks for a version trained elsewhere. */
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final AtomicReference<LearnedModel> current = new AtomicReference<>(LearnedModel.untrained());
    private final ObjectMapper json;
    /** The newest version in the database when this instance last looked. */
    private volatile String newestStored;
    private DomainTimer refresher;

    public ModelStore(ObjectMapper json) {
        this.json = json;
    }

    void load(@Observes StartupEvent startup) {
        try {
            refresh();
        } catch (Throwable e) {
            LOG.warnf(e, "could not load the latest model; forecasting with plan durations until the next training");
        }
        refresher = DomainTimer.wall("model-refresh", REFRESH, tick -> refreshQuietly());
    }

    @PreDestroy
    void stop() {
        if (refresher != null) {
            refresher.close();
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.debugf("could not look for a newer model: %s", e);
        }
    }

    /** Loads the newest stored version if it is not the one seen last time (a training here or on a sibling). */
    void refresh() {
        String newest = Reactive.inSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select version from model_version "
                        + "order by trained_at desc, stored desc limit 1", String.class).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.getFirst()));
        if (newest == null || newest.equals(newestStored)) {
            return;
        }
        Reactive.inSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select model from model_version where version = :v", String.class)
                        .setParameter("v", newest).getResultList())
                .invoke(rows -> rows.stream().findFirst().ifPresent(this::use)));
        if (newestStored != null) {
            LOG.infof("now forecasting with model %s (trained on another instance or just now)", newest);
        }
        newestStored = newest;
    }

    public LearnedModel current() {
        return current.get();
    }

    public void use(LearnedModel model) {
        current.set(model);
    }

    private void use(String modelJson) {
        try {
            current.set(json.readValue(modelJson, LearnedModel.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored model does not parse", e);
        }
    }

    /** Inserts a version in the caller's transaction. */
    public Uni<Void> save(LearnedModel model, int serviceSamples, int travelSamples) {
        String modelJson;
        String evaluation;
        try {
            modelJson = json.writeValueAsString(model);
            evaluation = json.writeValueAsString(model.evaluations());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into model_version (version, trained_at, service_method, travel_method,
                                                   service_samples, travel_samples, evaluation, model)
                        values (:v, :at, :sm, :tm, :ss, :ts, :ev, :model)""")
                .setParameter("v", model.version()).setParameter("at", Rows.utc(model.trainedAt()))
                .setParameter("sm", model.serviceMethod()).setParameter("tm", model.travelMethod())
                .setParameter("ss", serviceSamples).setParameter("ts", travelSamples)
                .setParameter("ev", evaluation).setParameter("model", modelJson)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<List<VersionInfo>> versions(int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select version, trained_at, service_method, travel_method, service_samples, travel_samples,
                               evaluation
                        from model_version order by trained_at desc, stored desc limit :n""", Object[].class)
                .setParameter("n", limit).getResultList()))
                .map(rows -> rows.stream().map(r -> new VersionInfo((String) r[0], Rows.instant(r[1]),
                        (String) r[2], (String) r[3], ((Number) r[4]).intValue(), ((Number) r[5]).intValue(),
                        (String) r[6])).toList());
    }
}
