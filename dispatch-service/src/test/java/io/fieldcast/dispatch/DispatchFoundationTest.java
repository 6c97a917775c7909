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
        // GET / only redirects to the console page, which asks for a login itself. The customer portal is public by
        // design: booking needs a code texted to the phone, and /portal/api/manage/* answers only to the appointment
        // its manage link names (the customer link is the credential; a missing one is 400, a forged one 404).
        return Set.of("POST /api/auth/login", "POST /api/auth/token", "GET /", "GET /book", "GET /manage",
                "GET /portal/api/job-types", "GET /portal/api/addresses", "GET /portal/api/slots",
                "POST /portal/api/codes", "POST /portal/api/bookings", "GET /portal/api/manage",
                "GET /portal/api/manage/slots", "POST /portal/api/manage/reschedule", "POST /portal/api/manage/cancel",
                "POST /portal/api/manage/rebook", "POST /portal/api/manage/waitlist",
                "DELETE /portal/api/manage/waitlist", "POST /portal/api/manage/offers/{offer}/accept");
    }
}
