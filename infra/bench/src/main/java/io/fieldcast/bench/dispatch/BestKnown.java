package io.fieldcast.bench.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Best-known distances from a {@code bks.csv}: the distance-only column ({@code distonly_distance_trunc1dec},
 * edges truncated to one decimal) when the file has it, else the hierarchical {@code distance} column.
 */
public record BestKnown(Map<String, Double> distances, Map<String, Integer> routes, VrptwInstance.Precision precision,
                        String column) {

    /** True when the reference minimises vehicles first (Gehring–Homberger's table), not distance alone. */
    public boolean hierarchical() {
        return column.equals("distance");
    }

    public Optional<Integer> routes(String instance) {
        return Optional.ofNullable(routes.get(instance.toLowerCase(Locale.ROOT)));
    }

    public Optional<Double> distance(String instance) {
        return Optional.ofNullable(distances.get(instance.toLowerCase(Locale.ROOT)));
    }

    public static BestKnown read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IOException(csv + " is empty");
        }
        List<String> header = List.of(lines.getFirst().strip().split(","));
        int name = header.indexOf("instance");
        String column = header.contains("distonly_distance_trunc1dec") ? "distonly_distance_trunc1dec" : "distance";
        int value = header.indexOf(column);
        if (name < 0 || value < 0) {
            throw new IOException(csv + ": needs an 'instance' column and 'distonly_distance_trunc1dec' or 'distance'");
        }
        int vehicles = header.indexOf(column.equals("distance") ? "routes" : "distonly_vehicles");
        Map<String, Double> distances = new HashMap<>();
        Map<String, Integer> routes = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.strip().split(",");
            if (cols.length > Math.max(name, value) && !cols[value].isBlank()) {
                distances.put(cols[name].toLowerCase(Locale.ROOT), Double.parseDouble(cols[value]));
                if (vehicles >= 0 && cols.length > vehicles && !cols[vehicles].isBlank()) {
                    routes.put(cols[name].toLowerCase(Locale.ROOT), Integer.parseInt(cols[vehicles].strip()));
                }
            }
        }
        var precision = column.equals("distance") ? VrptwInstance.Precision.EXACT
                : VrptwInstance.Precision.TRUNCATED_ONE_DECIMAL;
        return new BestKnown(Map.copyOf(distances), Map.copyOf(routes), precision, column);
    }
}
