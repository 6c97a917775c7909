package io.fieldcast.simulator.e2e;

import io.fieldcast.events.EventSerializer;
import io.fieldcast.events.Events;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.simulator.api.DayPlanning;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.Planner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Test stand-in for dispatch's publish while dispatch-service has no planning API: uses the real
 * {@link Planner} when it answers, otherwise publishes dispatch's tentative plan (from the public appointment list)
 * as RoutePlanned on fieldcast.routes, the event the real publish will produce. Lives in the tests only: the
 * simulator itself never writes to Kafka.
 */
final class StandInPublisher implements DayPlanning {

    private final DispatchClient dispatch;
    private final String bootstrap;

    StandInPublisher(DispatchClient dispatch, String bootstrap) {
        this.dispatch = dispatch;
        this.bootstrap = bootstrap;
    }

    @Override
    public boolean planAndPublish(String territoryId, LocalDate date, int solveSeconds) {
        if (new Planner(dispatch).planAndPublish(territoryId, date, solveSeconds)) {
            return true;
        }
        publish(territoryId, date, false);
        return true;
    }

    /** A re-plan as dispatch would publish it: same visits, a higher plan version, the order reversed. */
    void republishReversed(String territoryId, LocalDate date) {
        publish(territoryId, date, true);
    }

    private void publish(String territoryId, LocalDate date, boolean reversed) {
        ZoneId zone = ZoneId.of(dispatch.territories().stream().filter(t -> t.id().equals(territoryId))
                .findFirst().orElseThrow().timeZone());
        Map<String, DispatchClient.Technician> technicians = dispatch.technicians(territoryId).stream()
                .collect(Collectors.toMap(DispatchClient.Technician::id, t -> t));
        Map<String, List<DispatchClient.PlannedAppointment>> byTechnician = dispatch.day(territoryId, date).stream()
                .filter(a -> a.technicianId() != null)
                .collect(Collectors.groupingBy(DispatchClient.PlannedAppointment::technicianId));
        try (var producer = new KafkaProducer<String, FieldcastEvent>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new EventSerializer())) {
            byTechnician.forEach((id, visits) -> {
                var t = technicians.get(id);
                String[] shift = t.weeklyShifts().get(date.getDayOfWeek().name()).split("-");
                GeoPosition home = new GeoPosition(t.homeLat(), t.homeLon());
                List<DispatchClient.PlannedAppointment> ordered = new ArrayList<>(visits);
                ordered.sort(Comparator.comparing(a -> a.routeSeq() == null ? Integer.MAX_VALUE : a.routeSeq()));
                if (reversed) {
                    Collections.reverse(ordered);
                }
                List<PlannedVisit> planned = new ArrayList<>();
                for (var a : ordered) {
                    planned.add(new PlannedVisit(a.id(), planned.size(), a.jobType(), "Sim", "simulated address",
                            new GeoPosition(a.lat(), a.lon()), null, a.windowStart(), a.windowEnd(),
                            a.plannedArrival() == null ? a.windowStart() : a.plannedArrival(), a.durationMinutes(),
                            false));
                }
                var event = new RoutePlanned(Events.newId(), Instant.now(), RoutePlanned.SCHEMA_VERSION, id,
                        territoryId, date, System.currentTimeMillis(), home, home,
                        date.atTime(LocalTime.parse(shift[0])).atZone(zone).toInstant(),
                        date.atTime(LocalTime.parse(shift[1])).atZone(zone).toInstant(), planned, t.name());
                var record = new ProducerRecord<String, FieldcastEvent>(event.topic(), event.key(), event);
                record.headers().add(new RecordHeader(Events.TYPE_HEADER,
                        event.typeName().getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            });
            producer.flush();
        }
    }
}
