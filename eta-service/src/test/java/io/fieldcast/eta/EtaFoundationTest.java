package io.fieldcast.eta;

import io.fieldcast.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

import java.util.Set;

@QuarkusTest
class EtaFoundationTest extends ServiceFoundationContract {

    @Override
    protected Set<String> publicOperations() {
        // The report page is static and holds no data; its script reads /api/report with the user's token.
        return Set.of("GET /report");
    }
}
