package io.fieldcast.mobile;

import io.fieldcast.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

import java.util.Set;

@QuarkusTest
class MobileFoundationTest extends ServiceFoundationContract {

    @Override
    protected Set<String> publicOperations() {
        return Set.of("POST /api/auth/device");
    }
}
