package io.fieldcast.simulator;

import io.fieldcast.simulator.run.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulatorCliTest {

    @Test
    void optionsTakeSpaceOrEqualsAndFlagsTakeNoValue() {
        Map<String, String> o = SimulatorCli.parse(new String[]{"history", "--days", "3", "--seed=9", "--verbose"});
        assertEquals(Map.of("days", "3", "seed", "9", "verbose", "true"), o);
    }

    @Test
    void unknownOptionIsRefusedBeforeAnythingStarts() {
        assertThrows(IllegalArgumentException.class, () -> SimulatorCli.parse(new String[]{"history", "--dayz", "3"}));
        assertThrows(IllegalArgumentException.class, () -> SimulatorCli.run(new String[]{"replay"}));
    }

    @Test
    void settingsDefaultToTheLocalServicesAndSeed42() {
        Settings s = SimulatorCli.settings(SimulatorCli.parse(new String[]{"history", "--technicians", "5"}),
                "history");
        assertEquals(42, s.seed());
        assertEquals(5, s.technicians());
        assertNull(s.osmFile());
        assertEquals("truth-history-42.jsonl", s.truthFile().getFileName().toString());
    }
}
