package io.fieldcast.bench.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Waits until the operations read model shows the whole history (appointments, arrivals, texts, shift minutes: one
 * counter per topic), then until every other consumer group of eta-service has caught up with its topics, so the
 * report is timed on a service that is not still busy with the load.
 */
final class ReadModelWait implements OpsBench.Phase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    @Override
    public void run(OpsBench.Context context, Map<String, String> figures) throws Exception {
        OpsHistory history = context.history();
        OpsHistory.Expected want = history.expected;
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(context.url() + "/api/ops/summary?from="
                + history.from() + "&to=" + history.to())).header("Authorization", "Bearer " + context.token())
                .timeout(Duration.ofSeconds(60)).build();
        long started = System.nanoTime();
        while (true) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/ops/summary: " + response.statusCode() + " "
                        + response.body());
            }
            Map<String, JsonNode> figures1 = new HashMap<>();
            JSON.readTree(response.body()).forEach(f -> figures1.put(f.path("key").asText(), f));
            int appointments = figures1.get("appointments").path("value").asInt();
            int arrivals = figures1.get("onTimeRate").path("denominator").asInt();
            int texts = figures1.get("textsPerVisit").path("numerator").asInt();
            double shift = figures1.get("utilization").path("denominator").asDouble();
            System.err.printf("read model: %,d/%,d appointments, %,d/%,d arrivals, %,d/%,d texts, %.0f/%.0f shift "
                    + "minutes (%.0f s)%n", appointments, want.appointments, arrivals, want.arrivals, texts,
                    want.textsOnVisits, shift, want.shiftMinutes, (System.nanoTime() - started) / 1e9);
            if (appointments == want.appointments && arrivals == want.arrivals && texts == want.textsOnVisits
                    && Math.abs(shift - want.shiftMinutes) < 0.5) {
                break;
            }
            if (System.nanoTime() - started > TIMEOUT.toNanos()) {
                throw new IllegalStateException("the read model did not catch up in " + TIMEOUT);
            }
            Thread.sleep(2000);
        }
        System.err.printf("read model: complete %.0f s after the last event was published%n",
                (System.nanoTime() - started) / 1e9);
        ConsumerLag.await(context.env().get("FIELDCAST_KAFKA_BOOTSTRAP"), "eta.", "eta-service's other consumers",
                TIMEOUT);
    }

}
