package io.fieldcast.platform.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataTimeRetentionTest {

    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void duePerIntervalOfDataTimeWithTheCutoffBehindIt() {
        DataTimeRetention retention = new DataTimeRetention(Duration.ofDays(30), Duration.ofHours(1));

        assertEquals(Optional.of(T.minus(Duration.ofDays(30))), retention.due(T));
        assertEquals(Optional.empty(), retention.due(T.plus(Duration.ofMinutes(59))), "not yet an hour on");
        assertEquals(Optional.empty(), retention.due(T.minus(Duration.ofDays(3))), "older data prunes nothing");
        assertEquals(Optional.empty(), retention.due(null));
        Instant later = T.plus(Duration.ofHours(1));
        assertEquals(Optional.of(later.minus(Duration.ofDays(30))), retention.due(later));
    }
}
