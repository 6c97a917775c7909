package io.fieldcast.notify.channel;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The demo channel: the notification row itself is the message, shown to dispatchers at {@code /outbox}.
 * Handing over is marking the row SENT, so the demo needs no carrier and no mail server.
 */
@ApplicationScoped
public class DbOutboxChannel implements Channel {

    public static final String NAME = "db-outbox";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String send(OutgoingMessage message) {
        return "outbox-" + message.id();
    }
}
