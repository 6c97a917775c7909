package io.fieldcast.dispatch.portal;

import io.fieldcast.dispatch.config.PortalSettings;
import io.fieldcast.events.Events;
import io.fieldcast.events.PortalMessage;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.LinkTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * One-time codes that prove the person booking on the portal holds the phone the texts will go to. A code is six
 * random digits, texted through customer-notify ({@link PortalMessage#PHONE_CODE}, appended to the outbox in the same
 * transaction as the code, so a Kafka hiccup delays it and loses nothing); only a keyed hash is stored. It expires, it
 * allows a few wrong guesses, and it books once. One phone is sent a few codes a quarter of an hour and a day.
 */
@ApplicationScoped
public class PhoneCodes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final Duration DAY = Duration.ofDays(1);

    private final PortalSettings settings;
    private final Outbox outbox;
    private final Clock clock;
    private final byte[] key;

    public PhoneCodes(PortalSettings settings, Outbox outbox, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
        this.key = LinkTokens.derive("fieldcast-phone-code-v1", settings.linkSecret(),
                "FIELDCAST_PORTAL_LINK_SECRET (fieldcast.portal.link-secret)");
    }

    /** A code on its way: its id goes back with the code when booking. */
    public record Sent(UUID codeId, Instant expiresAt) {
    }

    /** Sends a new code to {@code phone} (E.164, checked by the caller); 429 when it was sent too many. Blocking. */
    public Sent send(String phone, String language) {
        Instant now = clock.instant();
        PortalSettings.Codes limits = settings.codes();
        return Reactive.inTransaction(() -> PortalCode.<PortalCode>list("phone = ?1 and createdAt > ?2 order by "
                + "createdAt", phone, now.minus(DAY)).chain(recent -> {
                    refuseIfTooMany(recent, now, limits);
                    String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
                    PortalCode row = new PortalCode();
                    row.id = UUID.randomUUID();
                    row.phone = phone;
                    row.codeHash = hash(row.id, phone, code);
                    row.createdAt = now;
                    row.expiresAt = now.plus(limits.validFor());
                    return row.persist()
                            .chain(() -> outbox.append(new PortalMessage(Events.newId(), now,
                                    PortalMessage.SCHEMA_VERSION, PortalMessage.PHONE_CODE, phone, language, null,
                                    null, code, null, null, null, row.expiresAt)))
                            .replaceWith(new Sent(row.id, row.expiresAt));
                }));
    }

    private static void refuseIfTooMany(List<PortalCode> recent, Instant now, PortalSettings.Codes limits) {
        List<PortalCode> quarter = recent.stream().filter(c -> c.createdAt.isAfter(now.minus(QUARTER))).toList();
        if (quarter.size() >= limits.perQuarterHour()) {
            Duration wait = Duration.between(now, quarter.getFirst().createdAt.plus(QUARTER));
            throw ApiException.tooManyRequests("too_many_codes", "this phone was sent " + quarter.size()
                    + " codes in the last 15 minutes; use the last one or try again in "
                    + Math.max(1, wait.toMinutes()) + " min", wait);
        }
        if (recent.size() >= limits.perDay()) {
            Duration wait = Duration.between(now, recent.getFirst().createdAt.plus(DAY));
            throw ApiException.tooManyRequests("too_many_codes", "this phone was sent " + recent.size()
                    + " codes today; try again tomorrow", wait);
        }
    }

    /**
     * Checks a code, in a transaction of its own so that a wrong guess counts even though the booking stops. Returns
     * the appointment the code already booked (the same booking sent again), or null when it is good and unused; 400
     * saying what is wrong otherwise. Blocking.
     */
    public UUID check(UUID codeId, String phone, String code) {
        Instant now = clock.instant();
        int max = settings.codes().maxAttempts();
        record Verdict(String problem, UUID booked) {
        }
        Verdict verdict = Reactive.inTransaction(() -> PortalCode.<PortalCode>findById(codeId).map(row -> {
            if (row == null || !row.phone.equals(phone)) {
                return new Verdict("there is no such code for this phone; ask for a new one", null);
            }
            boolean right = MessageDigest.isEqual(row.codeHash.getBytes(StandardCharsets.US_ASCII),
                    hash(row.id, phone, code).getBytes(StandardCharsets.US_ASCII));
            if (row.usedAt != null) {
                return right ? new Verdict(null, row.appointmentId)
                        : new Verdict("this code was already used; ask for a new one", null);
            }
            if (!now.isBefore(row.expiresAt)) {
                return new Verdict("the code has expired; ask for a new one", null);
            }
            if (row.attempts >= max) {
                return new Verdict("too many wrong tries; ask for a new code", null);
            }
            if (!right) {
                row.attempts++;
                int left = max - row.attempts;
                return new Verdict(left == 0 ? "the code is not right, and that was the last try; ask for a new one"
                        : "the code is not right; " + left + (left == 1 ? " try" : " tries") + " left", null);
            }
            return new Verdict(null, null);
        }));
        if (verdict.problem() != null) {
            throw ApiException.badRequest("code", verdict.problem());
        }
        return verdict.booked();
    }

    /**
     * Spends a checked code on {@code appointmentId}, inside the booking's transaction: a code that another request
     * spent meanwhile makes the booking fail (409) and roll back.
     */
    public Uni<Void> spend(UUID codeId, UUID appointmentId) {
        return PortalCode.update("usedAt = ?1, appointmentId = ?2 where id = ?3 and usedAt is null", clock.instant(),
                appointmentId, codeId).invoke(updated -> {
                    if (updated == 0) {
                        throw ApiException.conflict("this code was just used for another booking; ask for a new one",
                                null);
                    }
                }).replaceWithVoid();
    }

    private String hash(UUID id, String phone, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((id + "|" + phone + "|" + code)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
