package io.fieldcast.mobile.ingest;

import java.util.List;

/**
 * A batch of GPS fixes as the phone queued them. Every field of a ping is checked one by one (a bad ping is
 * reported, the others still count), so they are boxed and {@code deviceTime} is text here.
 */
public record PingBatch(List<Ping> pings) {

    /** Speed in m/s, heading in degrees, accuracy in metres (68 % radius, as browsers report it). */
    public record Ping(String clientId, String deviceTime, Double lat, Double lon, Double accuracy, Double speed,
                       Double heading) {
    }
}
