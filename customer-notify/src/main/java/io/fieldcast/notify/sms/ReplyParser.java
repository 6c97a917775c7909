package io.fieldcast.notify.sms;

import io.fieldcast.events.ReplyKind;

import java.util.Locale;
import java.util.Optional;

/** What a customer's text means; anything else gets the help answer. */
public final class ReplyParser {

    private ReplyParser() {
    }

    public static Optional<ReplyKind> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String word = body.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", " ").trim();
        int space = word.indexOf(' ');
        String first = space < 0 ? word : word.substring(0, space);
        return Optional.ofNullable(switch (first) {
            case "C", "CONFIRM", "YES", "SI" -> ReplyKind.CONFIRM;
            case "R", "RESCHEDULE" -> ReplyKind.RESCHEDULE;
            case "CANCEL", "CANCELAR" -> ReplyKind.CANCEL;
            case "STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT" -> ReplyKind.STOP;
            case "START", "UNSTOP" -> ReplyKind.START;
            case "HELP", "INFO", "AYUDA" -> ReplyKind.HELP;
            default -> null;
        });
    }
}
