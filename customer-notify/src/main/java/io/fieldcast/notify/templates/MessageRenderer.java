package io.fieldcast.notify.templates;

import io.fieldcast.notify.policy.Decision.Content;
import io.fieldcast.notify.policy.Decision.Portal;
import io.fieldcast.notify.policy.MessageKind;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Customer texts from the {@code i18n/messages} bundles (English fallback, Spanish), with times and dates in the
 * customer's zone and language. Plain Java so tests render without Quarkus.
 */
public final class MessageRenderer {

    private static final String BUNDLE = "i18n.messages";
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** A rendered message: subject for e-mail, body for both media. */
    public record Rendered(String subject, String body) {
    }

    public Rendered render(MessageKind kind, Content content, String language, ZoneId zone, String customerFirstName,
                           String link) {
        Locale locale = locale(language);
        ResourceBundle bundle = bundle(locale);
        Instant dateSource = content.windowStart() != null ? content.windowStart() : content.arrival();
        Portal portal = content.portal();
        Object[] args = {
                blankToNull(customerFirstName) != null ? customerFirstName : bundle.getString("customer.fallback"),
                time(content.windowStart(), zone),
                time(content.windowEnd(), zone),
                dateSource == null ? "" : DateTimeFormatter.ofPattern("EEEE d MMMM", locale)
                        .format(dateSource.atZone(zone)),
                blankToNull(content.technicianFirstName()) != null ? content.technicianFirstName()
                        : bundle.getString("technician.fallback"),
                time(content.arrival(), zone),
                link == null ? "" : link,
                cause(bundle, content.cause()),
                content.probability() == null ? "" : new MessageFormat(bundle.getString("certainty"), locale)
                        .format(new Object[] {Math.round(100 * Math.min(0.99, content.probability()))}),
                link == null ? "" : new MessageFormat(bundle.getString("manage.line"), locale)
                        .format(new Object[] {link}),
                portal == null || portal.code() == null ? "" : portal.code(),
                portal == null ? 0L : portal.validMinutes(),
                portal == null ? "" : time(portal.until(), zone),
                portal == null || portal.until() == null ? "" : DateTimeFormatter.ofPattern("EEEE d MMMM", locale)
                        .format(portal.until().atZone(zone))
        };
        String body = new MessageFormat(bundle.getString(kind.name()), locale).format(args);
        return new Rendered(bundle.getString("subject"), body);
    }

    /** Why the told window moved and how sure we are of it, for the tracking page; empty when it never moved. */
    public String why(String cause, Double probability, String language) {
        if (cause == null) {
            return "";
        }
        Locale locale = locale(language);
        ResourceBundle bundle = bundle(locale);
        String certainty = probability == null ? "" : new MessageFormat(bundle.getString("certainty"), locale)
                .format(new Object[] {Math.round(100 * Math.min(0.99, probability))});
        return (cause(bundle, cause) + certainty).strip();
    }

    /** Why the window moved, in the customer's language (with its leading space), or nothing. */
    private static String cause(ResourceBundle bundle, String cause) {
        return cause == null || !bundle.containsKey("cause." + cause) ? "" : bundle.getString("cause." + cause);
    }

    /** A fixed text such as {@code reply.HELP}. */
    public String text(String key, String language) {
        return bundle(locale(language)).getString(key);
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, MessageRenderer.class.getClassLoader(), NO_DEFAULT_LOCALE);
    }

    private static Locale locale(String language) {
        return language == null || language.isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(language);
    }

    private static String time(Instant instant, ZoneId zone) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
