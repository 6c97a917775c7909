package io.fieldcast.platform.outbox;

import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class UnpublishableTest {

    @Test
    void brokerOutageIsRetriedNeverParked() {
        assertTrue(Unpublishable.reason(new TimeoutException("metadata not present after 3000 ms")).isEmpty());
        assertTrue(Unpublishable.reason(new NetworkException("disconnected")).isEmpty());
        assertTrue(Unpublishable.reason(new NotEnoughReplicasException("1 of 3")).isEmpty());
        assertTrue(Unpublishable.reason(new IllegalStateException("producer closed")).isEmpty());
        assertTrue(Unpublishable.reason(null).isEmpty());
    }

    @Test
    void recordTheBrokerCanNeverTakeIsParked() {
        assertTrue(Unpublishable.reason(new RecordTooLargeException("1100000 bytes")).orElseThrow()
                .startsWith("too large"));
        assertTrue(Unpublishable.reason(new SerializationException("bad type")).orElseThrow()
                .startsWith("cannot serialize"));
        assertTrue(Unpublishable.reason(new IllegalArgumentException("cannot encode X")).orElseThrow()
                .startsWith("cannot serialize"));
    }
}
