package io.fieldcast.notify.tracking;

import java.util.List;

import java.util.List;

/**
 * Everything a tracking page may show: the day, the window, the technician's first name, the visit's stage and,
 * only while en route, the technician's position. Nothing else about the appointment or the technician.
 * {@code why}: why the window told last moved, and how sure we are of it, in {@code language} (empty when it never
 * moved). {@code manageUrl}: the customer's own link to change or cancel the appointment (null when dispatch gave
 * none); only ever served behind a valid tracking token. {@code language}: the one {@code date} and {@code why} are
 * in: the customer's, unless the page asked for another ({@code ?lang=}). {@code homeLat}/{@code homeLon}: where the
 * visit is (to about ten metres), which the customer gave; null once forgotten. {@code approach}: only while en route,
 * the van's way from its position to the home as [lon, lat] points, along the roads unless {@code approachStraight}.
 */
public record TrackingState(String stage, String date, String windowStart, String windowEnd, String technician,
                            Double lat, Double lon, String positionAt, String why, String manageUrl,
                            String language, Double homeLat, Double homeLon, List<double[]> approach,
                            boolean approachStraight) {
}
