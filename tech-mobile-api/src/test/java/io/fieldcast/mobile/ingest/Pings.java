package io.fieldcast.mobile.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** JSON batches of pings for tests. */
final class Pings {

    private Pings() {
    }

    static String ping(String clientId, Instant at, double lat, double lon, double accuracy) {
        return String.format(Locale.ROOT, "{\"clientId\":\"%s\",\"deviceTime\":\"%s\",\"lat\":%f,\"lon\":%f,"
                + "\"accuracy\":%f,\"speed\":8.5,\"heading\":90}", clientId, at, lat, lon, accuracy);
    }

    static String good(String clientId) {
        return ping(clientId, Instant.now().minusSeconds(30), 52.37, 4.89, 12);
    }

    static String batch(List<String> pings) {
        return "{\"pings\":[" + String.join(",", pings) + "]}";
    }

    static String goodBatch(String prefix, int n) {
        List<String> pings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pings.add(good(prefix + "-" + i));
        }
        return batch(pings);
    }
}
