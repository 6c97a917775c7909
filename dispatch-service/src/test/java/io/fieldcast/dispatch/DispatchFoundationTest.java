package io.fieldcast.dispatch;

import io.fieldcast.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

import java.util.Set;

@QuarkusTest
class DispatchFoundationTest extends ServiceFoundationContract {

    @Override
    protected Set<String> publicOperations() {
        // GET / only redirects to the console page, which asks for a login itself.
        return Set.of("POST /api/auth/login", "GET /");
    }
}
