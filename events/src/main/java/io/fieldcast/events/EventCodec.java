package io.fieldcast.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON codec for events. Unknown fields are ignored so that an older consumer reads a newer
 * producer's payload; missing fields decode as null or zero so that a newer consumer reads an older one.
 * A payload without a type, an event id or a time is refused with {@link EventDecodingException}.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private EventCodec() {
    }

    /** A mapper configured like the codec's, for JSON that travels beside events (e.g. outbox rows). */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    public static byte[] encode(FieldcastEvent event) {
        try {
            return MAPPER.writerFor(FieldcastEvent.class).writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + event.typeName(), e);
        }
    }

    public static String encodeToString(FieldcastEvent event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    /** Decodes or throws the typed error. */
    public static FieldcastEvent decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new EventDecodingException("empty payload", payload, null);
        }
        FieldcastEvent event;
        try {
            event = MAPPER.readValue(payload, FieldcastEvent.class);
        } catch (JacksonException e) {
            throw new EventDecodingException("not a Fieldcast event: " + e.getOriginalMessage(), payload, e);
        } catch (IOException e) {
            throw new EventDecodingException("unreadable payload: " + e.getMessage(), payload, e);
        }
        if (event == null || event.eventId() == null || event.occurredAt() == null) {
            throw new EventDecodingException("event envelope lacks eventId or occurredAt", payload, null);
        }
        return event;
    }

    public static FieldcastEvent decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes without throwing: the failure comes back as a value. */
    public static Decoded tryDecode(byte[] payload) {
        try {
            return new Decoded.Event(decode(payload));
        } catch (EventDecodingException e) {
            return new Decoded.Undecodable(e);
        }
    }
}
