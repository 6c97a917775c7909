package io.fieldcast.events;

import java.util.UUID;

/**
 * What a notifier needs to reach a customer. Phone numbers are E.164; {@code language} is a
 * BCP 47 tag such as {@code en} or {@code es}.
 */
public record CustomerContact(UUID customerId, String firstName, String phone, String email, String language,
                              boolean smsOptIn, boolean emailOptIn) {
}
