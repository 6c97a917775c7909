package io.fieldcast.simulator.run;

import io.fieldcast.simulator.api.HttpApi;
import io.fieldcast.simulator.api.MobileClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One logged-in phone per technician for the whole run (device id sim-&lt;technician&gt;). */
final class Phones {

    private final HttpApi mobile;
    private final String secret;
    private final Map<String, MobileClient> phones = new ConcurrentHashMap<>();

    Phones(HttpApi mobile, String secret) {
        this.mobile = mobile;
        this.secret = secret;
    }

    MobileClient of(String technicianId) {
        return phones.computeIfAbsent(technicianId, id -> {
            MobileClient phone = new MobileClient(mobile, id);
            try {
                phone.login(secret, "sim-" + id);
            } catch (RuntimeException e) {
                throw new IllegalStateException("device login of " + id + " failed; start tech-mobile-api with "
                        + "FIELDCAST_SEED_DEVICES listing every technician with the simulator's secret ("
                        + "--device-secret, default sim-secret), e.g. " + id + ":" + secret + ": " + e.getMessage(), e);
            }
            return phone;
        });
    }
}
