package io.fieldcast.notify.tracking;

/**
 * Everything a tracking page may show: the day, the window, the technician's first name, the visit's stage and,
 * only while en route, the technician's position. Nothing else about the appointment or the technician.
 * {@code why}: why the window told last moved, and how sure we are of it, in {@code language} (empty when it never
 * moved). {@code manageUrl}: the customer's own link to change or cancel the appointment (null when dispatch gave
 * none); only ever served behind a valid tracking token. {@code language}: the one {@code date} and {@code why} are
 * in: the customer's, unless the page asked for another ({@code ?lang=}).
 */
public record TrackingState(String stage, String date, String windowStart, String windowEnd, String technician,
                            Double lat, Double lon, String positionAt, String why, String manageUrl,
                            String language) {
}
