package io.fieldcast.mobile;

import io.fieldcast.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

import java.util.Set;

@QuarkusTest
class MobileFoundationTest extends ServiceFoundationContract {

    @Override
    protected Set<String> publicOperations() {
        // Logging in and refreshing are how a phone gets a token in the first place.
        return Set.of("POST /api/auth/device", "POST /api/auth/refresh");
    }
}
