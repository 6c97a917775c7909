package io.fieldcast.simulator.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code ./fieldcast bench cluster}: the demo day with N instances of every service behind local balancers, then
 * {@link ClusterChecks} against the simulator's truth and the databases. Run once with one instance ({@code --out}
 * keeps its KPIs) and once with two ({@code --baseline} compares): the final line has the cluster's counts and the
 * day's KPIs beside the one-instance run's.
 */
public final class ClusterBench {

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> demoArgs = new ArrayList<>();
        Path out = null;
        Path baseline = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--baseline" -> baseline = Path.of(args[++i]);
                default -> demoArgs.add(args[i]);
            }
        }
        demoArgs.add("--until-done");
        DemoOptions options = DemoOptions.parse(demoArgs.toArray(String[]::new));
        Properties figures = new Properties();
        try (Demo demo = Demo.fromEnvironment(options, Demo.Ports.free(), System.out)) {
            Kpis kpis = demo.run();
            ClusterChecks checks = ClusterChecks.measure(demo, kpis, Demo.runtimeEnvironment());
            System.out.println("CLUSTER " + checks.figures());
            figures.setProperty("visits", String.valueOf(kpis.visits()));
            figures.setProperty("completed", String.valueOf(kpis.completed()));
            figures.setProperty("in_told_pct", String.format(Locale.ROOT, "%.1f", kpis.inToldPct()));
            figures.setProperty("eta_hit", kpis.forecast() == null || kpis.forecast().hitRate() == null ? "none"
                    : String.format(Locale.ROOT, "%.3f", kpis.forecast().hitRate()));
            figures.setProperty("texts", String.valueOf(kpis.texts()));
            figures.setProperty("checks", checks.figures());
            if (out != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
                try (Writer w = Files.newBufferedWriter(out)) {
                    figures.store(w, "bench cluster, " + options.instances() + " instance(s)");
                }
            }
        }
        Properties base = baseline == null ? null : load(baseline);
        StringBuilder line = new StringBuilder("BENCH cluster ").append(figures.getProperty("checks"))
                .append(" technicians=").append(options.technicians());
        for (String key : List.of("visits", "completed", "in_told_pct", "eta_hit", "texts")) {
            line.append(' ').append(key).append('=').append(figures.getProperty(key));
            if (base != null) {
                line.append(" one_instance_").append(key).append('=').append(base.getProperty(key));
            }
        }
        System.out.println(line);
        System.exit(0);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
