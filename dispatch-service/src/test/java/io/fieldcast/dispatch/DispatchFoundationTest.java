package io.fieldcast.dispatch;

import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.Set;

@QuarkusTest
class DispatchFoundationTest extends ServiceFoundationContract {

    @Inject
    TokenIssuer tokens;

    @Override
    protected String tokenWithRole(String role) {
        return tokens.forUser("foundation-" + role, Set.of(role)).token();
    }

    @Override
    protected Set<String> publicOperations() {
        // GET / only redirects to the console page, which asks for a login itself.
        return Set.of("POST /api/auth/login", "POST /api/auth/token", "GET /");
    }
}
