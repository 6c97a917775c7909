package io.fieldcast.platform.security;

/** The platform's roles, as they appear in the JWT {@code groups} claim. */
public final class Roles {

    public static final String DISPATCHER = "dispatcher";
    public static final String TECHNICIAN = "technician";
    public static final String ADMIN = "admin";

    /** Claim naming the one technician a device token is bound to. */
    public static final String TECHNICIAN_CLAIM = "technician_id";

    private Roles() {
    }
}
