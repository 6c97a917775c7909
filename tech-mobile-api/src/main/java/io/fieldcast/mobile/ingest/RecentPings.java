package io.fieldcast.mobile.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client ids of pings recently acknowledged by Kafka, per technician and bounded, to drop replays before they
 * reach the topic. Best effort by design (lost on restart, per instance): eta's table key de-duplicates too.
 */
final class RecentPings {

    private static final int MAX_TECHNICIANS = 50_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int size;

    RecentPings(int size) {
        this.size = size;
    }

    boolean seen(String technicianId, String clientId) {
        Window window = windows.get(technicianId);
        return window != null && window.contains(clientId);
    }

    void remember(String technicianId, Iterable<String> clientIds) {
        if (windows.size() > MAX_TECHNICIANS) {
            windows.clear();
        }
        Window window = windows.computeIfAbsent(technicianId, t -> new Window(size));
        window.addAll(clientIds);
    }

    private static final class Window {
        private final LinkedHashMap<String, Boolean> ids;

        Window(int size) {
            ids = new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > size;
                }
            };
        }

        synchronized boolean contains(String id) {
            return ids.containsKey(id);
        }

        synchronized void addAll(Iterable<String> clientIds) {
            clientIds.forEach(id -> ids.put(id, Boolean.TRUE));
        }
    }
}
