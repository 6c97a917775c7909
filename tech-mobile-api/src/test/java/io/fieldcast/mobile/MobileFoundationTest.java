package io.fieldcast.mobile;

import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.Set;

@QuarkusTest
class MobileFoundationTest extends ServiceFoundationContract {

    @Inject
    TokenIssuer tokens;

    @Override
    protected String tokenWithRole(String role) {
        return tokens.forUser("foundation-" + role, Set.of(role)).token();
    }

    @Override
    protected Set<String> publicOperations() {
        // Logging in and refreshing are how a phone gets a token in the first place; a calendar app cannot sign in,
        // so the feed's secret token is its key (unknown tokens get a plain 404).
        return Set.of("POST /api/auth/device", "POST /api/auth/refresh", "GET /calendar/{token}.ics");
    }
}
