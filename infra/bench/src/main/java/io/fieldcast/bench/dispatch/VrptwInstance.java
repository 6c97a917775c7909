package io.fieldcast.bench.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A VRPTW instance in the Solomon / Gehring–Homberger text format: a name line, VEHICLE NUMBER and CAPACITY,
 * then one row per node (number, x, y, demand, ready time, due date, service time); node 0 is the depot.
 */
public record VrptwInstance(String name, int vehicles, int capacity, List<Node> nodes) {

    public record Node(int id, double x, double y, int demand, int ready, int due, int service) {
    }

    public Node depot() {
        return nodes.getFirst();
    }

    public int customerCount() {
        return nodes.size() - 1;
    }

    /** Edge length as the distance-only literature counts it, or in full precision. */
    public double distance(int from, int to, Precision precision) {
        Node a = nodes.get(from);
        Node b = nodes.get(to);
        double d = Math.hypot(a.x() - b.x(), a.y() - b.y());
        return precision == Precision.TRUNCATED_ONE_DECIMAL ? Math.floor(d * 10) / 10 : d;
    }

    /** How edge lengths are counted: the proven distance-only optima truncate each edge to one decimal. */
    public enum Precision { TRUNCATED_ONE_DECIMAL, EXACT }

    public static VrptwInstance read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() < 4) {
            throw new IOException(file + ": too short for a VRPTW instance");
        }
        String name = lines.getFirst();
        int vehicles = -1;
        int capacity = -1;
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).split("\\s+");
            if (!cols[0].matches("-?\\d+")) {
                continue;
            }
            try {
                if (cols.length == 2 && vehicles < 0) {
                    vehicles = Integer.parseInt(cols[0]);
                    capacity = Integer.parseInt(cols[1]);
                } else if (cols.length >= 7) {
                    nodes.add(new Node(Integer.parseInt(cols[0]), Double.parseDouble(cols[1]),
                            Double.parseDouble(cols[2]), (int) Double.parseDouble(cols[3]),
                            (int) Double.parseDouble(cols[4]), (int) Double.parseDouble(cols[5]),
                            (int) Double.parseDouble(cols[6])));
                } else {
                    throw new IOException(file + " line " + (i + 1) + ": expected 2 or 7 numbers: " + lines.get(i));
                }
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": not a number: " + lines.get(i), e);
            }
        }
        if (vehicles <= 0 || nodes.size() < 2 || nodes.getFirst().id() != 0) {
            throw new IOException(file + ": missing vehicle section, depot or customers");
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id() != i) {
                throw new IOException(file + ": node numbers must run 0.." + (nodes.size() - 1));
            }
        }
        return new VrptwInstance(name, vehicles, capacity, List.copyOf(nodes));
    }
}
