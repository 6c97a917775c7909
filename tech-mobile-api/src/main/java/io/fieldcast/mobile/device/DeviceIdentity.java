package io.fieldcast.mobile.device;

/**
 * Who is calling, read from the token only: the technician it is bound to, the device it was issued to and
 * the login session (null for tokens minted without one, e.g. by tests or tools holding the platform key).
 */
public record DeviceIdentity(String technicianId, String deviceId, String sessionId) {
}
