package io.fieldcast.notify;

import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.Set;

@QuarkusTest
class NotifyFoundationTest extends ServiceFoundationContract {

    /** Twilio webhooks (signature-checked), the customer's tracking page (signed link) and the static outbox page. */
    @Inject
    TokenIssuer tokens;

    @Override
    protected String tokenWithRole(String role) {
        return tokens.forUser("foundation-" + role, Set.of(role)).token();
    }

    @Override
    protected Set<String> publicOperations() {
        return Set.of("POST /api/sms/inbound", "POST /api/sms/status", "GET /outbox", "GET /t/{token}",
                "GET /t/{token}/state", "GET /t/{token}/events", "GET /t/{token}/roads");
    }
}
