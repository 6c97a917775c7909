package io.fieldcast.notify.messaging;

import io.fieldcast.events.PortalMessage;
import io.fieldcast.notify.policy.MessageKind;
import io.fieldcast.notify.policy.PortalRequest;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a {@link PortalMessage} before anything is queued: a message with a missing or impossible field fails with
 * {@link InvalidPortalMessage}, so the consumer loop parks it on the dead-letter topic as it does every event it
 * cannot apply, and every other customer's texts go on. The failure names the event and the field, never the code.
 */
final class PortalMessages {

    private static final Pattern PHONE = Pattern.compile("\\+?[1-9][0-9]{6,14}");
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{4,12}");

    private PortalMessages() {
    }

    /** A portal event notify cannot text. */
    static final class InvalidPortalMessage extends IllegalArgumentException {
        InvalidPortalMessage(PortalMessage m, String problem) {
            super("PortalMessage " + m.eventId() + " (" + m.kind() + ") is invalid: " + problem);
        }
    }

    static PortalRequest request(PortalMessage m) {
        MessageKind kind = switch (m.kind() == null ? "" : m.kind()) {
            case PortalMessage.PHONE_CODE -> MessageKind.PHONE_CODE;
            case PortalMessage.WAITLIST_OFFER -> MessageKind.WAITLIST_OFFER;
            case PortalMessage.WAITLIST_TAKEN -> MessageKind.WAITLIST_TAKEN;
            default -> throw new InvalidPortalMessage(m, "unknown kind");
        };
        if (m.eventId() == null) {
            throw new InvalidPortalMessage(m, "no event id");
        }
        if (m.phone() == null || !PHONE.matcher(m.phone()).matches()) {
            throw new InvalidPortalMessage(m, m.phone() == null ? "no phone" : "phone is not a number");
        }
        ZoneId zone = zone(m, kind != MessageKind.PHONE_CODE);
        String language = m.language() == null || m.language().isBlank() ? "en"
                : m.language().strip().toLowerCase(Locale.ROOT);
        switch (kind) {
            case PHONE_CODE -> {
                if (m.code() == null || !CODE.matcher(m.code()).matches()) {
                    throw new InvalidPortalMessage(m, m.code() == null ? "no code" : "code is not 4-12 letters or digits");
                }
                if (m.expiresAt() == null) {
                    throw new InvalidPortalMessage(m, "no expiresAt");
                }
            }
            case WAITLIST_OFFER -> {
                window(m);
                if (m.expiresAt() == null) {
                    throw new InvalidPortalMessage(m, "no expiresAt");
                }
                if (!isWebLink(m.link())) {
                    throw new InvalidPortalMessage(m, m.link() == null ? "no link" : "link is not an http(s) URL");
                }
            }
            case WAITLIST_TAKEN -> window(m);
            default -> throw new IllegalStateException(kind.name());
        }
        return new PortalRequest(m.eventId(), kind, m.phone(), language, zone, m.appointmentId(),
                kind == MessageKind.PHONE_CODE ? m.code() : null,
                kind == MessageKind.WAITLIST_OFFER ? m.link() : null, m.windowStart(), m.windowEnd(), m.expiresAt());
    }

    private static void window(PortalMessage m) {
        if (m.appointmentId() == null) {
            throw new InvalidPortalMessage(m, "no appointmentId");
        }
        if (m.windowStart() == null || m.windowEnd() == null || !m.windowEnd().isAfter(m.windowStart())) {
            throw new InvalidPortalMessage(m, "no window, or it ends before it starts");
        }
    }

    private static ZoneId zone(PortalMessage m, boolean required) {
        if (m.timeZone() == null || m.timeZone().isBlank()) {
            if (required) {
                throw new InvalidPortalMessage(m, "no timeZone");
            }
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(m.timeZone());
        } catch (DateTimeException e) {
            throw new InvalidPortalMessage(m, "unknown timeZone " + m.timeZone());
        }
    }

    /** An absolute http(s) link: anything else (javascript:, relative, garbled) is never put in a text or a page. */
    static boolean isWebLink(String link) {
        if (link == null || link.isBlank() || link.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
