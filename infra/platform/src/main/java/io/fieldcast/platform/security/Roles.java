package io.fieldcast.platform.security;

/** The platform's roles, as they appear in the JWT {@code groups} claim. */
public final class Roles {

    public static final String DISPATCHER = "dispatcher";
    public static final String TECHNICIAN = "technician";
    public static final String ADMIN = "admin";
    /** Reads what a dispatcher reads, in their territories, and changes nothing. */
    public static final String SUPERVISOR = "supervisor";
    /**
     * Marks an API client (another system) rather than a person; what it may do comes from its scopes, which are
     * the person roles it was granted ({@link #DISPATCHER} or {@link #SUPERVISOR}), in its territories.
     */
    public static final String INTEGRATION = "integration";

    /** Claim naming the one technician a device token is bound to. */
    public static final String TECHNICIAN_CLAIM = "technician_id";

    /** Claim listing the territory ids a console user or integration may see, or {@link #ALL_TERRITORIES}. */
    public static final String TERRITORIES_CLAIM = "territories";

    /** The one element of {@link #TERRITORIES_CLAIM} meaning every territory (admins). */
    public static final String ALL_TERRITORIES = "*";

    private Roles() {
    }
}
