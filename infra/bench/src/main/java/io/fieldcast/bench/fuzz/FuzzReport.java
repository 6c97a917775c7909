package io.fieldcast.bench.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts per service and per failure kind, the first examples of each, every finding in a log file. */
final class FuzzReport {

    enum Failure { STATUS_5XX, STACK_TRACE, CROSS_TERRITORY_LEAK, CROSS_TECHNICIAN_LEAK, UNAUDITED_CHANGE }

    static final int EXAMPLES = 5;

    private final Map<String, long[]> perService = new TreeMap<>();
    private final Map<Failure, Long> failures = new LinkedHashMap<>();
    private final Map<Failure, List<String>> examples = new LinkedHashMap<>();
    private final Map<Failure, Set<String>> distinct = new LinkedHashMap<>();
    private final Map<String, Long> noAnswers = new TreeMap<>();
    private final Path log;
    private long requests;

    /** Columns of the per-service table. */
    private static final String[] COLUMNS = {"requests", "2xx", "4xx", "5xx", "no_answer", "stack", "leak_terr",
        "leak_tech", "unaudited"};

    FuzzReport(Path log) {
        this.log = log;
        for (Failure f : Failure.values()) {
            failures.put(f, 0L);
            examples.put(f, new ArrayList<>());
            distinct.put(f, new LinkedHashSet<>());
        }
    }

    void answered(String service, int status) {
        requests++;
        long[] row = perService.computeIfAbsent(service, s -> new long[COLUMNS.length]);
        row[0]++;
        if (status >= 200 && status < 300) {
            row[1]++;
        } else if (status >= 400 && status < 500) {
            row[2]++;
        } else if (status >= 500) {
            row[3]++;
        } else if (status < 0) {
            row[4]++;
        }
    }

    void noAnswer(FuzzRequest request, String why) {
        String kind = why.replaceAll("[0-9]+", "#");
        if (noAnswers.merge(kind, 1L, Long::sum) <= EXAMPLES) {
            append("NO_ANSWER " + request.describe() + " — " + why);
        }
    }

    /** One failure: counted, its first examples kept, each one logged; {@code key} groups the distinct ones. */
    void failed(Failure failure, FuzzRequest request, String key, String detail) {
        failures.merge(failure, 1L, Long::sum);
        int column = switch (failure) {
            case STATUS_5XX -> -1;
            case STACK_TRACE -> 5;
            case CROSS_TERRITORY_LEAK -> 6;
            case CROSS_TECHNICIAN_LEAK -> 7;
            case UNAUDITED_CHANGE -> 8;
        };
        if (column > 0) {
            perService.computeIfAbsent(request.operation().service(), s -> new long[COLUMNS.length])[column]++;
        }
        String line = failure + " " + request.describe() + " — " + detail;
        if (distinct.get(failure).add(key) && examples.get(failure).size() < EXAMPLES) {
            examples.get(failure).add(line);
        }
        append(line + (request.body() == null ? "" : "\n    body sent: " + excerpt(request.body(), 300)));
    }

    long count(Failure failure) {
        return failures.get(failure);
    }

    long requests() {
        return requests;
    }

    void print(PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-17s", "service");
        for (String c : COLUMNS) {
            out.printf(Locale.ROOT, " %9s", c);
        }
        out.println();
        perService.forEach((service, row) -> {
            out.printf(Locale.ROOT, "%-17s", service);
            for (long v : row) {
                out.printf(Locale.ROOT, " %9d", v);
            }
            out.println();
        });
        if (!noAnswers.isEmpty()) {
            out.println("\nno answer (connection closed, timed out, refused by the client):");
            noAnswers.forEach((why, n) -> out.printf(Locale.ROOT, "  %5d  %s%n", n, why));
        }
        for (Failure f : Failure.values()) {
            if (failures.get(f) > 0) {
                out.printf(Locale.ROOT, "%n%s: %d (%d distinct); first ones:%n", f.name().toLowerCase(Locale.ROOT),
                        failures.get(f), distinct.get(f).size());
                examples.get(f).forEach(e -> out.println("  " + e));
            }
        }
        out.println("\nevery finding: " + log);
        out.printf(Locale.ROOT, "BENCH fuzz requests=%d status_5xx=%d stack_traces=%d cross_territory_leaks=%d "
                        + "cross_technician_leaks=%d unaudited_changes=%d%n", requests, count(Failure.STATUS_5XX),
                count(Failure.STACK_TRACE), count(Failure.CROSS_TERRITORY_LEAK),
                count(Failure.CROSS_TECHNICIAN_LEAK), count(Failure.UNAUDITED_CHANGE));
    }

    static String excerpt(String text, int max) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + text.length() + " chars)";
    }

    private void append(String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
