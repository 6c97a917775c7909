package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.domain.LatestForecast;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * eta-service's stored forecast of a visit reaches a re-plan's input (real PostgreSQL, the published day's routes):
 * only for the technician whose route it was made for, and only when the day is under way. The planning rule that
 * uses it (the job under way lasts until the next door is forecast) is {@link RunningJobTest}'s.
 */
@QuarkusTest
class ForecastIntoReplanTest {

    private static final String DAY = "2026-03-05";

    @Inject
    TestCompanies companies;
    @Inject
    PlanInputs inputs;

    @Test
    void aReplanReadsTheAssigneesLatestForecastAndNoOtherRoutes() throws Exception {
        String territory = "fc-replan";
        String technician = territory + "-tech";
        TestCompany f = companies.create(territory);
        String onRoute = f.book(1, DAY + "T08:00:00Z", territory);
        String elsewhere = f.book(2, DAY + "T08:00:00Z", territory);
        f.solve(territory, DAY);
        f.publish(territory, DAY);
        Instant p50 = Instant.parse(DAY + "T10:17:00Z");
        Reactive.inTransaction(() -> forecast(onRoute, technician, p50).persist()
                .chain(() -> forecast(elsewhere, "another-tech", p50.plusSeconds(900)).persist()));

        PlanInput replan = Reactive.inSession(() -> inputs.load(territory, LocalDate.parse(DAY), true)).input();
        PlanInput ahead = Reactive.inSession(() -> inputs.load(territory, LocalDate.parse(DAY), false)).input();

        assertEquals(technician, visit(replan, onRoute).technicianId(), "the day was published to the technician");
        assertEquals(p50, visit(replan, onRoute).forecastArrival());
        assertNull(visit(replan, elsewhere).forecastArrival(), "a forecast made for another technician's route");
        assertNull(visit(ahead, onRoute).forecastArrival(), "planning ahead (and the timeline) read no forecast");
    }

    private static LatestForecast forecast(String appointment, String technician, Instant p50) {
        LatestForecast f = new LatestForecast();
        f.appointmentId = UUID.fromString(appointment);
        f.technicianId = technician;
        f.p50Arrival = p50;
        f.windowStart = p50.minusSeconds(1800);
        f.windowEnd = p50.plusSeconds(1800);
        f.probabilityInWindow = 0.93;
        f.forecastVersion = 3;
        f.reason = "test";
        f.updatedAt = p50.minusSeconds(7200);
        return f;
    }

    private static PlanInput.VisitInput visit(PlanInput input, String appointment) {
        UUID id = UUID.fromString(appointment);
        return input.visits().stream().filter(v -> v.appointmentId().equals(id)).findFirst().orElseThrow();
    }
}
