package io.fieldcast.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for every Fieldcast event. */
public final class EventSerializer implements Serializer<FieldcastEvent> {

    @Override
    public byte[] serialize(String topic, FieldcastEvent event) {
        return event == null ? null : EventCodec.encode(event);
    }
}
