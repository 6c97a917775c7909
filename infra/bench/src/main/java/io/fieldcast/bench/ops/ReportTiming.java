package io.fieldcast.bench.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the operations page's request, {@code GET /api/ops/report}, one at a time as people open the page: in turn a
 * quarter of one territory (each territory in turn), the last 30 days and the last 7 days of every territory; a
 * warm-up round first (JIT, caches), then {@code --requests} (100) of each shape. The line's p50 and p99 are over all
 * of them; each shape's are printed above it.
 */
final class ReportTiming implements OpsBench.Phase {

    private static final int WARM_UP = 15;

    @Override
    public void run(OpsBench.Context context, Map<String, String> figures) throws Exception {
        int requests = Integer.parseInt(context.options().getOrDefault("requests", "100"));
        LocalDate to = context.history().to();
        LocalDate quarter = context.history().from();
        Map<String, List<Double>> byShape = new LinkedHashMap<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < WARM_UP + requests; i++) {
            String territory = OpsHistory.territory(i);
            Map<String, String> shapes = new LinkedHashMap<>();
            shapes.put("quarter_one_territory", "from=" + quarter + "&to=" + to + "&territory=" + territory);
            shapes.put("month", "from=" + to.minusDays(29) + "&to=" + to);
            shapes.put("week", "from=" + to.minusDays(6) + "&to=" + to);
            for (var shape : shapes.entrySet()) {
                double ms = time(http, context, shape.getValue());
                if (i >= WARM_UP) {
                    byShape.computeIfAbsent(shape.getKey(), k -> new ArrayList<>()).add(ms);
                }
            }
            if ((i + 1) % 25 == 0) {
                System.err.printf("report: %d/%d rounds%n", i + 1, WARM_UP + requests);
            }
        }
        List<Double> all = new ArrayList<>();
        byShape.forEach((shape, times) -> {
            all.addAll(times);
            System.err.printf(Locale.ROOT, "report %-22s n=%d p50=%.0f ms p99=%.0f ms max=%.0f ms%n", shape,
                    times.size(), quantile(times, 0.5), quantile(times, 0.99), quantile(times, 1.0));
        });
        figures.put("report_p50_ms", String.format(Locale.ROOT, "%.0f", quantile(all, 0.5)));
        figures.put("report_p99_ms", String.format(Locale.ROOT, "%.0f", quantile(all, 0.99)));
    }

    private static double time(HttpClient http, OpsBench.Context context, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(context.url() + "/api/ops/report?" + query))
                .header("Authorization", "Bearer " + context.token()).timeout(Duration.ofSeconds(60)).build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/ops/report?" + query + ": " + response.statusCode());
        }
        return ms;
    }

    /** Nearest rank. */
    static double quantile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
