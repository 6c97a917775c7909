package io.fieldcast.bench.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the portal bench's customers decide by themselves: their intake answers, the territory of an address. */
class PortalBenchTest {

    @Test
    void theCustomerAnswersTheRequiredQuestionsOnly() throws Exception {
        JsonNode intake = BenchHttp.JSON.readTree("""
                [{"id":"symptom","kind":"CHOICE","required":true,"options":[{"value":"no_signal"},{"value":"slow"}]},
                 {"id":"pets","kind":"YES_NO","required":true},
                 {"id":"pets_secured","kind":"YES_NO","required":true,"showIf":{"question":"pets","equals":"yes"}},
                 {"id":"access","kind":"TEXT","required":false}]""");
        assertEquals(Map.of("symptom", "no_signal", "pets", "no"), PortalBench.answers(intake));
    }

    @Test
    void anAddressBelongsToTheNearestTerritoryThatReachesItAndNoneOnTheBorder() throws Exception {
        JsonNode territories = BenchHttp.JSON.readTree("""
                [{"id":"metro","centerLat":40.0,"centerLon":-74.0,"radiusKm":30},
                 {"id":"bench","centerLat":40.036,"centerLon":-74.0,"radiusKm":40},
                 {"id":"small","centerLat":40.1,"centerLon":-74.0,"radiusKm":1}]""");
        assertEquals("bench", PortalBench.nearestTerritory(territories, 40.06, -74.0));
        assertEquals("metro", PortalBench.nearestTerritory(territories, 39.99, -74.0));
        assertNull(PortalBench.nearestTerritory(territories, 40.018, -74.0));
    }
}
