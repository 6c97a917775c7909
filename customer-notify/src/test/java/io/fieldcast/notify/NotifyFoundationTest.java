package io.fieldcast.notify;

import io.fieldcast.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

import java.util.Set;

@QuarkusTest
class NotifyFoundationTest extends ServiceFoundationContract {

    @Override
    protected Set<String> publicOperations() {
        return Set.of();
    }
}
