package io.fieldcast.events;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer. It never throws: an undecodable payload comes back as
 * {@link Decoded.Undecodable} so that one bad record cannot wedge a partition.
 */
public final class EventDeserializer implements Deserializer<Decoded> {

    @Override
    public Decoded deserialize(String topic, byte[] data) {
        return EventCodec.tryDecode(data);
    }
}
