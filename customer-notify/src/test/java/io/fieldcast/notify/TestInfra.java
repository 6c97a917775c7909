package io.fieldcast.notify;

import io.fieldcast.testing.FieldcastTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL + Kafka + keys for every test of this module. */
@QuarkusTestResource(value = FieldcastTestResource.class,
        initArgs = @ResourceArg(name = "service", value = "notify"))
public final class TestInfra {

    private TestInfra() {
    }
}
