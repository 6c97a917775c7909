package io.fieldcast.notify.channel;

import io.fieldcast.notify.config.NotifySettings;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * E-mail through the Quarkus mailer (SMTP settings under {@code quarkus.mailer.*}). Every attempt of a message
 * carries the same Message-ID, which mail stores de-duplicate: after a crash with the outcome unknown, sending again
 * is the reconciliation (SMTP has no way to ask whether a relay took a message).
 */
@ApplicationScoped
public class EmailChannel implements Channel {

    private final Mailer mailer;
    private final NotifySettings config;

    public EmailChannel(Mailer mailer, NotifySettings config) {
        this.mailer = mailer;
        this.config = config;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public String send(OutgoingMessage message) {
        String messageId = "<notify-" + message.id() + "@fieldcast>";
        mailer.send(Mail.withText(message.recipient(), message.subject() == null ? "Fieldcast" : message.subject(),
                        message.body())
                .setFrom(config.email().from())
                .addHeader("Message-ID", messageId));
        return messageId;
    }
}
