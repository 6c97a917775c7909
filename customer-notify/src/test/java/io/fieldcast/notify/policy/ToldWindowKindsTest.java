package io.fieldcast.notify.policy;

import io.fieldcast.events.NotificationSent;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phone, dispatch and eta-service learn which window a customer was told from the kinds of the texts this
 * service sends (the contract in {@link NotificationSent}); a renamed kind here would silently unbind every promise.
 */
class ToldWindowKindsTest {

    @Test
    void theKindsThatTellOrVoidAWindowAreKindsThisServiceSends() {
        Set<String> sent = Arrays.stream(MessageKind.values()).map(Enum::name).collect(Collectors.toSet());
        assertTrue(sent.containsAll(NotificationSent.WINDOW_KINDS), sent.toString());
        assertTrue(sent.contains(NotificationSent.RESCHEDULE_CONFIRMATION), sent.toString());
        assertEquals(Set.of(MessageKind.WINDOW_NARROWED.name(), MessageKind.WINDOW_UPDATED.name(),
                MessageKind.DELAY.name()), NotificationSent.WINDOW_KINDS);
    }
}
