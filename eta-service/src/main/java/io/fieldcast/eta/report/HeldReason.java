package io.fieldcast.eta.report;

import java.util.Locale;

/**
 * Why a visit an hour or more away got no first window: one kind per rule that holds a window back. The forecast
 * service and the replay write {@link #text}; the report counts stored texts by {@link #kindOf} (rows stored before
 * this type existed read the same way).
 */
public enum HeldReason {

    /** The van set off for the visit: "on the way" says more than a window. */
    ON_THE_WAY("on the way", "the van was already on its way"),
    /** The technician's route changed moments ago: a window from it may not hold. */
    ROUTE_CHANGED("route changed", "the route had just been re-planned"),
    /** The window would be further ahead than windows are told. */
    TOO_FAR_AHEAD("more than", "too far ahead"),
    /**
     * The window would end after the technician's shift and the overtime they work: a technician that late leaves
     * the rest of the route for another day, so a window told then is one nobody keeps.
     */
    PAST_SHIFT("past the shift", "the window would end past the shift and its overtime"),
    /** No 60-minute window reaches the target probability. */
    UNLIKELY("likely", "no window likely enough"),
    /** A window that holds would keep the technician waiting outside too long. */
    LONG_WAIT("expected wait", "the technician would wait too long for it"),
    /** The phone's fixes said where the van was before its taps said what it did (back from offline). */
    TAPS_BEHIND("taps behind fixes", "the phone's taps were behind its fixes");

    /** The report's label for a visit never forecast an hour or more ahead (no reason stored). */
    public static final String NEVER_FORECAST = "never forecast an hour or more ahead";
    /** The code of {@link #NEVER_FORECAST} ({@link #codeOf}). */
    public static final String NEVER_FORECAST_CODE = "never_forecast";
    /** The code of a stored text of no known kind ({@link #codeOf}). */
    public static final String OTHER_CODE = "other";

    private final String prefix;
    private final String kind;

    HeldReason(String prefix, String kind) {
        this.prefix = prefix;
        this.kind = kind;
    }

    /** The stored text: this kind's prefix, then {@code detail} (may be empty). */
    public String text(String detail) {
        return detail == null || detail.isEmpty() ? prefix : prefix + " " + detail;
    }

    /** The report's label for this kind. */
    public String kind() {
        return kind;
    }

    /** The label of stored text {@code reason}; null reads as never forecast, unknown text as itself. */
    public static String kindOf(String reason) {
        if (reason == null) {
            return NEVER_FORECAST;
        }
        HeldReason r = of(reason);
        return r == null ? reason : r.kind;
    }

    /**
     * A word for the kind of stored text {@code reason}, for lines that are read by programs (the demo's DEMO line):
     * this kind's name in lower case ({@code long_wait}), {@link #NEVER_FORECAST_CODE} for null, {@link #OTHER_CODE}
     * for text of no known kind.
     */
    public static String codeOf(String reason) {
        if (reason == null) {
            return NEVER_FORECAST_CODE;
        }
        HeldReason r = of(reason);
        return r == null ? OTHER_CODE : r.name().toLowerCase(Locale.ROOT);
    }

    /** The kind of non-null stored text {@code reason}, null when it is of no known kind. */
    public static HeldReason of(String reason) {
        for (HeldReason r : values()) {
            if (reason.startsWith(r.prefix)) {
                return r;
            }
        }
        // Stored before the prefix came first: "93 % likely, below 95 %".
        return reason.contains(UNLIKELY.prefix) ? UNLIKELY : null;
    }
}
