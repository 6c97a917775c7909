package io.fieldcast.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.simulator.api.Json;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Which of the truth's lines for a visit happened: the last one of the technician the platform has it with. */
class KpisTest {

    private static final UUID MOVED = UUID.nameUUIDFromBytes("moved".getBytes());
    private static final UUID DROPPED = UUID.nameUUIDFromBytes("dropped".getBytes());
    private static final UUID RESIMULATED = UUID.nameUUIDFromBytes("resimulated".getBytes());

    private static JsonNode line(UUID visit, String technician, String arrivedAt) throws Exception {
        return Json.MAPPER.readTree("""
                {"appointmentId": "%s", "technicianId": "%s", "arrivedAt": "%s"}""".formatted(visit, technician,
                arrivedAt));
    }

    @Test
    void aVisitReplannedAwayCountsOnlyWhereItWasDone() throws Exception {
        List<JsonNode> lines = List.of(
                line(MOVED, "tech-09", "2026-12-11T19:22:00Z"),
                line(DROPPED, "tech-01", "2026-12-11T16:30:00Z"),
                line(RESIMULATED, "tech-02", "2026-12-11T14:00:00Z"),
                // tech-01 took MOVED over at a re-plan; tech-09's later re-simulation no longer has it.
                line(MOVED, "tech-01", "2026-12-11T16:31:00Z"),
                line(RESIMULATED, "tech-02", "2026-12-11T14:40:00Z"),
                line(MOVED, "tech-09", "2026-12-11T19:30:00Z"));
        Map<UUID, String> assigned = new HashMap<>();
        assigned.put(MOVED, "tech-01");
        assigned.put(DROPPED, null); // left unassigned by a re-plan
        assigned.put(RESIMULATED, "tech-02");

        Map<UUID, JsonNode> realized = Kpis.realized(lines, assigned);

        assertEquals("2026-12-11T16:31:00Z", realized.get(MOVED).path("arrivedAt").asText(),
                "where the platform has it, not the last line written");
        assertFalse(realized.containsKey(DROPPED), "nobody did a visit the re-plan left unassigned");
        assertEquals("2026-12-11T14:40:00Z", realized.get(RESIMULATED).path("arrivedAt").asText(),
                "the last re-simulation of the same technician");
    }

    /** Parked outside: what lies between leaving the last place plus the drive and ringing. Never negative. */
    @Test
    void theWaitOutsideIsTheTimeFromParkingToRinging() throws Exception {
        JsonNode waited = Json.MAPPER.readTree("""
                {"departedAt": "2026-12-11T14:00:00Z", "driveSeconds": 900, "arrivedAt": "2026-12-11T14:35:00Z"}""");
        JsonNode rangAtOnce = Json.MAPPER.readTree("""
                {"departedAt": "2026-12-11T14:00:00Z", "driveSeconds": 900.4, "arrivedAt": "2026-12-11T14:15:00Z"}""");
        JsonNode notReached = Json.MAPPER.readTree("""
                {"departedAt": null, "driveSeconds": 0, "arrivedAt": null}""");

        assertEquals(20 * 60, Kpis.waited(waited), 1e-9);
        assertEquals(0, Kpis.waited(rangAtOnce), 1e-9);
        assertEquals(0, Kpis.waited(notReached), 1e-9);
    }
}
