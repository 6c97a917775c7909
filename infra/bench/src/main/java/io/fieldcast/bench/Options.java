package io.fieldcast.bench;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of the benchmarks that take them as pairs. */
public final class Options {

    private Options() {
    }

    /** Each {@code --name value} pair as name → value; a trailing name without a value is ignored. */
    public static Map<String, String> pairs(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            out.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return out;
    }
}
