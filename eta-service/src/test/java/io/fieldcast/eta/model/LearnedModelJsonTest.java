package io.fieldcast.eta.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A stored model version must read back as the same model (ModelStore loads the newest at start-up). */
class LearnedModelJsonTest {

    @Test
    void trainedModelSurvivesAJsonRoundTrip() throws Exception {
        SyntheticHistory fleet = new SyntheticHistory(5, 6);
        LearnedModel model = ModelTrainer.standard(ModelTrainer.AUTO).train("v-json",
                Instant.parse("2026-03-02T02:30:00Z"), fleet.services(60), fleet.travel(60), 1, p -> { });
        // Quarkus's ObjectMapper: java.time module, ISO dates.
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        LearnedModel withBreaks = model.withBreaks(BreakEstimator.estimate(List.of(
                new BreakEstimator.Observation("tech-01", 12 * 60 + 5, 35),
                new BreakEstimator.Observation("tech-02", 11 * 60 + 40, 50))))
                .withTurnarounds(BreakEstimator.turnaroundByTechnician(Map.of("tech-01", List.of(2.0, 3.0))))
                .withStops(StopsOnTheWay.learn(List.of(new StopsOnTheWay.Drive("tech-01", 12),
                        new StopsOnTheWay.Drive("tech-01", 0), new StopsOnTheWay.Drive("tech-02", 0))))
                .withTapLag(TapLag.learn(Collections.nCopies(40, 75.0)))
                .withAheadDoubt(new AheadDoubt(0.35, 120))
                .withTimeLeft(TimeLeftReadsTest.learnedAround("tech-01", 1.2, 0.2));

        LearnedModel back = json.readValue(json.writeValueAsString(withBreaks), LearnedModel.class);

        assertEquals(withBreaks, back);
        assertEquals(withBreaks.jobTail(), back.jobTail());
        assertEquals(withBreaks.stops(), back.stops());
        assertEquals(true, back.stops().learned());
        assertEquals(withBreaks.tapLag(), back.tapLag());
        assertEquals(75, back.tapLag().secondsAt(0.5), 1e-9);
        assertEquals(new AheadDoubt(0.35, 120), back.aheadDoubt());
        assertEquals(withBreaks.timeLeft(), back.timeLeft());
        assertEquals(true, back.timeLeft().learned());
        assertEquals(withBreaks.timeLeft().ratioAt("tech-01", 0.5), back.timeLeft().ratioAt("tech-01", 0.5), 1e-12);
        assertEquals(model.service("tech-01", "repair", 60), back.service("tech-01", "repair", 60));
        assertEquals(withBreaks.breakOf("tech-01"), back.breakOf("tech-01"));
        assertEquals(withBreaks.fleetBreak(), back.breakOf("tech-99"));
        assertEquals(2.5, back.turnaroundOf("tech-01"), 1e-9);
        assertEquals(2.5, back.turnaroundOf("tech-99"), 1e-9, "the fleet's for a technician never seen");
        // A version stored before breaks were learned reads back without them.
        String old = json.writeValueAsString(model).replace(",\"breaks\":{},\"fleetBreak\":null", "")
                .replace(",\"turnaround\":{},\"fleetTurnaround\":0.0", "")
                .replaceAll(",\"jobTail\":\\{[^}]*}", "").replaceAll(",\"stops\":\\{.*}}$", "}");
        assertEquals(false, old.contains("breaks") || old.contains("urnaround") || old.contains("jobTail")
                || old.contains("stops") || old.contains("tapLag") || old.contains("aheadDoubt")
                || old.contains("timeLeft"), old);
        LearnedModel before = json.readValue(old, LearnedModel.class);
        assertEquals(model.withJobTail(JobTail.NONE), before);
        assertEquals(JobTail.NONE, before.jobTail(), "a version stored before long jobs were learned has none");
        assertEquals(StopsOnTheWay.NONE, before.stops(), "nor stops on the way");
        assertEquals(TapLag.NONE, before.tapLag(), "nor a lag of the arrived tap");
        assertEquals(AheadDoubt.NONE, before.aheadDoubt(), "nor a doubt per job ahead");
        assertEquals(TimeLeftReads.NONE, before.timeLeft(), "nor reads of the time left");
        assertEquals(null, before.breakOf("tech-01"));
        assertEquals(0, before.turnaroundOf("tech-01"), 1e-9);
    }
}
