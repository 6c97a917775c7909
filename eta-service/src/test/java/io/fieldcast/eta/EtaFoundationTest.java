package io.fieldcast.eta;

import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.Set;

@QuarkusTest
class EtaFoundationTest extends ServiceFoundationContract {

    @Inject
    TokenIssuer tokens;

    @Override
    protected String tokenWithRole(String role) {
        return tokens.forUser("foundation-" + role, Set.of(role)).token();
    }

    @Override
    protected Set<String> publicOperations() {
        // The report and operations pages are static and hold no data; their scripts read /api/report and
        // /api/ops/report with the user's token.
        return Set.of("GET /report", "GET /ops");
    }
}
