package io.fieldcast.eta.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;

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

        LearnedModel back = json.readValue(json.writeValueAsString(model), LearnedModel.class);

        assertEquals(model, back);
        assertEquals(model.service("tech-01", "repair", 60), back.service("tech-01", "repair", 60));
    }
}
