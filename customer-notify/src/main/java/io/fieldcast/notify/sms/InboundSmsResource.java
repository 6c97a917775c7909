package io.fieldcast.notify.sms;

import io.fieldcast.events.CustomerReplied;
import io.fieldcast.events.Events;
import io.fieldcast.events.ReplyKind;
import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.notify.contacts.AppointmentContact;
import io.fieldcast.notify.contacts.SmsOptOut;
import io.fieldcast.notify.templates.MessageRenderer;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.rest.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio webhooks. Public (Twilio has no platform token) but every request must carry a valid
 * {@code X-Twilio-Signature} over the configured public URL; anything else is 403. They are open only when SMS go
 * through Twilio (or are switched on), with a real auth token ({@link SmsWebhooks}); otherwise 404. An inbound text
 * is applied once per {@code MessageSid}: Twilio's retries and replays get the same answer and change nothing.
 */
@Path("/api/sms")
@Tag(name = "sms")
@PermitAll
public class InboundSmsResource {

    private static final MessageRenderer TEXTS = new MessageRenderer();

    private final NotifySettings config;
    private final SmsWebhooks webhooks;
    private final Outbox outbox;
    private final Clock clock;

    public InboundSmsResource(NotifySettings config, SmsWebhooks webhooks, Outbox outbox, Clock clock) {
        this.config = config;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.clock = clock;
    }

    @POST
    @Path("/inbound")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "Twilio inbound SMS: C, R, CANCEL, STOP, START, HELP; answers with TwiML")
    public Uni<String> inbound(@HeaderParam("X-Twilio-Signature") String signature,
                               MultivaluedMap<String, String> form) {
        verify("/api/sms/inbound", form, signature);
        String from = form.getFirst("From");
        String body = form.getFirst("Body");
        String sid = form.getFirst("MessageSid");
        if (from == null || from.isBlank()) {
            throw ApiException.badRequest("From", "required");
        }
        if (sid == null || sid.isBlank()) {
            throw ApiException.badRequest("MessageSid", "required (Twilio sends it with every text)");
        }
        var reply = ReplyParser.parse(body);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> firstDelivery(sid, from, reply.map(Enum::name).orElse(null), now)
                .chain(first -> currentAppointment(from, now)
                        .chain(contact -> answer(contact, first ? reply : Optional.empty(), from, body, sid, now))
                        .map(text -> twiml(TEXTS.text("reply." + reply.map(Enum::name).orElse("UNKNOWN"),
                                text)))));
    }

    /** Applies a first delivery's reply (nothing for a replay); returns the language to answer in. */
    private Uni<String> answer(AppointmentContact contact, Optional<ReplyKind> reply, String from, String body,
                               String sid, Instant now) {
        String language = contact == null ? "en" : contact.language;
        Uni<Void> work = Uni.createFrom().voidItem();
        if (reply.isPresent()) {
            work = work.chain(() -> optOut(from, reply.get(), now, sid));
            if (contact != null) {
                work = work.chain(() -> outbox.append(new CustomerReplied(Events.newId(), now,
                        CustomerReplied.SCHEMA_VERSION, contact.appointmentId, reply.get(), "sms", body)));
            }
        }
        return work.replaceWith(language);
    }

    /** Records the text's SID; false when it was recorded before (a retry or a replay). */
    private static Uni<Boolean> firstDelivery(String sid, String phone, String reply, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into sms_inbound (message_sid, phone, reply, received_at) values (:sid, :phone, :reply, :at)
                        on conflict (message_sid) do nothing""")
                .setParameter("sid", sid).setParameter("phone", phone).setParameter("reply", reply)
                .setParameter("at", now).executeUpdate()).map(n -> n == 1);
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Twilio delivery-status callback for a sent message")
    public Uni<Response> status(@HeaderParam("X-Twilio-Signature") String signature,
                                MultivaluedMap<String, String> form) {
        verify("/api/sms/status", form, signature);
        String sid = form.getFirst("MessageSid");
        String status = form.getFirst("MessageStatus");
        if (sid == null || status == null) {
            throw ApiException.badRequest("MessageSid", "MessageSid and MessageStatus are required");
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "update notification set delivery_status = :status where provider_message_id = :sid")
                        .setParameter("status", status).setParameter("sid", sid).executeUpdate()))
                .replaceWith(Response.noContent().build());
    }

    private void verify(String path, MultivaluedMap<String, String> form, String signature) {
        Map<String, List<String>> params = form == null ? Map.of() : form;
        if (!TwilioSignature.valid(webhooks.keyOrNotFound(), config.publicBaseUrl() + path, params, signature)) {
            throw ApiException.forbidden("bad or missing X-Twilio-Signature");
        }
    }

    /** The appointment a text from this number is about: the next upcoming booked one, else the latest. */
    private static Uni<AppointmentContact> currentAppointment(String phone, Instant now) {
        return AppointmentContact.<AppointmentContact>find(
                        "phone = ?1 and status = 'BOOKED' and windowEnd > ?2 order by windowStart", phone,
                        now.minus(1, ChronoUnit.DAYS)).firstResult()
                .chain(c -> c != null ? Uni.createFrom().item(c)
                        : AppointmentContact.<AppointmentContact>find("phone = ?1 order by windowStart desc", phone)
                        .firstResult());
    }

    private static Uni<Void> optOut(String phone, ReplyKind reply, Instant now, String sid) {
        if (reply == ReplyKind.STOP || reply == ReplyKind.START) {
            return consentEvent(phone, reply, now, sid).chain(() -> currentConsent(phone, reply, now));
        }
        return Uni.createFrom().voidItem();
    }

    /** STOP and START are kept as they happened, beside the current state. */
    private static Uni<Void> consentEvent(String phone, ReplyKind reply, Instant now, String sid) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into sms_consent_event (phone, kind, at, message_sid) values (:phone, :kind, :at, :sid)""")
                .setParameter("phone", phone).setParameter("kind", reply.name()).setParameter("at", now)
                .setParameter("sid", sid).executeUpdate()).replaceWithVoid();
    }

    private static Uni<Void> currentConsent(String phone, ReplyKind reply, Instant now) {
        if (reply == ReplyKind.STOP) {
            return SmsOptOut.<SmsOptOut>findById(phone).chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().voidItem();
                }
                SmsOptOut o = new SmsOptOut();
                o.phone = phone;
                o.optedOutAt = now;
                return o.persist().replaceWithVoid();
            }).chain(() -> markAppointments(phone, true));
        }
        if (reply == ReplyKind.START) {
            return SmsOptOut.deleteById(phone).chain(() -> markAppointments(phone, false));
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> markAppointments(String phone, boolean optedOut) {
        return AppointmentContact.update("smsOptedOut = ?1 where phone = ?2", optedOut, phone).replaceWithVoid();
    }

    private static String twiml(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + escaped + "</Message></Response>";
    }
}
