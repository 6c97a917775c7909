package io.fieldcast.mobile.auth;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** Device credentials known before any dispatcher issued one. */
@ConfigMapping(prefix = "fieldcast.mobile")
public interface DeviceSettings {

    /** {@code technicianId:secret} pairs created at start-up when absent (demo and tests). */
    Optional<List<String>> seedDevices();
}
