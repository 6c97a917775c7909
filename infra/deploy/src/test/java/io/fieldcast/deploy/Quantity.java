package io.fieldcast.deploy;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes memory quantities in MiB, for the suffixes a manifest here may use. */
final class Quantity {

    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)(Ki|Mi|Gi|K|M|G)");
    private static final Map<String, Double> MIB = Map.of("Ki", 1.0 / 1024, "Mi", 1.0, "Gi", 1024.0,
            "K", 1000.0 / 1024 / 1024, "M", 1_000_000.0 / 1024 / 1024, "G", 1_000_000_000.0 / 1024 / 1024);

    private Quantity() {
    }

    static double mebibytes(String quantity) {
        Matcher m = MEMORY.matcher(quantity);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a memory quantity with a unit: " + quantity);
        }
        return Double.parseDouble(m.group(1)) * MIB.get(m.group(2));
    }
}
