package io.fieldcast.notify;

import io.fieldcast.notify.support.ChannelStandIns;
import io.fieldcast.testing.FieldcastTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL + Kafka + keys, and local Twilio/SMTP stand-ins, for every test of this module. */
@QuarkusTestResource(value = FieldcastTestResource.class,
        initArgs = @ResourceArg(name = "service", value = "notify"))
@QuarkusTestResource(ChannelStandIns.class)
public final class TestInfra {

    private TestInfra() {
    }
}
