package io.fieldcast.dispatch.testing;

import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.platform.security.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Makes {@link TestCompany}s inside the test application: inject this instead of the token issuer and the roads. */
@ApplicationScoped
public class TestCompanies {

    @Inject
    TokenIssuer tokens;
    @Inject
    Roads roads;

    /** The job types, {@code territory} and its technician {@code <territory>-tech}. */
    public TestCompany create(String territory) {
        return TestCompany.create(tokens, roads, territory);
    }

    /** Tokens and addresses only: the test makes territories, job types and technicians itself. */
    public TestCompany empty() {
        return new TestCompany(tokens, roads);
    }
}
