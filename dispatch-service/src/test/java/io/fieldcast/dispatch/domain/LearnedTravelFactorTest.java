package io.fieldcast.dispatch.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearnedTravelFactorTest {

    @Test
    void implausibleHoursAreClampedAndUnknownHoursAsMapped() {
        List<Double> sent = new ArrayList<>(Collections.nCopies(24, 1.2));
        sent.set(3, 0.1);
        sent.set(8, 7.0);
        sent.set(12, Double.NaN);
        sent.set(13, Double.POSITIVE_INFINITY);
        sent.set(14, null);
        List<Double> kept = LearnedTravelFactor.sanitize(sent).orElseThrow();
        assertEquals(0.5, kept.get(3));
        assertEquals(3.0, kept.get(8));
        assertEquals(1.0, kept.get(12));
        assertEquals(1.0, kept.get(13));
        assertEquals(1.0, kept.get(14));
        assertEquals(1.2, kept.get(9));
    }

    @Test
    void listNotOfTwentyFourHoursIsIgnored() {
        assertTrue(LearnedTravelFactor.sanitize(List.of()).isEmpty());
        assertTrue(LearnedTravelFactor.sanitize(Collections.nCopies(25, 1.3)).isEmpty());
        assertTrue(LearnedTravelFactor.sanitize(null).isEmpty());
    }

    @Test
    void storedRowReadsBackSanitized() {
        var row = new LearnedTravelFactor();
        Double[] hours = new Double[24];
        Arrays.fill(hours, 1.1);
        hours[0] = 9.0;
        row.factorByHour = Json.write(Arrays.asList(hours));
        assertEquals(3.0, row.factors().get(0));
        assertEquals(1.1, row.factors().get(1));
        row.factorByHour = "not json";
        assertTrue(row.factors().isEmpty());
    }
}
