package io.fieldcast.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every page and API path of the four services goes to the service that has it, admin paths by name. */
class RoutesTest {

    @ParameterizedTest
    @CsvSource({
            "/, dispatch, /",
            "/console/, dispatch, /console/",
            "/book/?lang=es, dispatch, /book/?lang=es",
            "/manage/, dispatch, /manage/",
            "/portal/api/slots?lat=1&lon=2, dispatch, /portal/api/slots?lat=1&lon=2",
            "/api/auth/login, dispatch, /api/auth/login",
            "/api/appointments/42, dispatch, /api/appointments/42",
            "/api/technicians/t-1/absences, dispatch, /api/technicians/t-1/absences",
            "/api/technicians, dispatch, /api/technicians",
            "/api/admin/users, dispatch, /api/admin/users",
            "/report, eta, /report",
            "/report/report.js, eta, /report/report.js",
            "/api/report?days=7, eta, /api/report?days=7",
            "/ops/, eta, /ops/",
            "/ops/ops.js, eta, /ops/ops.js",
            "/api/ops/report?from=2026-01-01&territory=north, eta, /api/ops/report?from=2026-01-01&territory=north",
            "/api/ops/daily?format=csv, eta, /api/ops/daily?format=csv",
            "/api/models/retrain, eta, /api/models/retrain",
            "/api/technicians/t-1/pings, eta, /api/technicians/t-1/pings",
            "/api/technicians/t-1/trips?date=2026-03-02, eta, /api/technicians/t-1/trips?date=2026-03-02",
            "/app/, mobile, /app/",
            "/app/app.js, mobile, /app/app.js",
            "/calendar/abc.ics, mobile, /calendar/abc.ics",
            "/api/me/route, mobile, /api/me/route",
            "/api/auth/device, mobile, /api/auth/device",
            "/api/auth/refresh, mobile, /api/auth/refresh",
            "/api/technicians/t-1/devices/enrolment, mobile, /api/technicians/t-1/devices/enrolment",
            "/t/abc123, notify, /t/abc123",
            "/t/abc123/events, notify, /t/abc123/events",
            "/assets/track.js, notify, /assets/track.js",
            "/outbox, notify, /outbox",
            "/api/outbox?page=2, notify, /api/outbox?page=2",
            "/api/webhooks/some-id/deliveries, notify, /api/webhooks/some-id/deliveries",
            "/api/sms/inbound, notify, /api/sms/inbound",
            "/api/appointments/42/contact, notify, /api/appointments/42/contact",
            "/eta/api/admin/consumers, eta, /api/admin/consumers",
            "/notify/api/admin/outbox/parked, notify, /api/admin/outbox/parked",
            "/mobile/q/health/ready, mobile, /q/health/ready",
            "/dispatch/q/metrics, dispatch, /q/metrics",
            "/eta/report, dispatch, /eta/report",
            "/appendix, dispatch, /appendix",
            "/api/mean, dispatch, /api/mean"
    })
    void routes(String uri, String service, String asked) {
        Routes.Target target = Routes.route(uri);
        assertEquals(service, target.service(), uri);
        assertEquals(asked, target.uri(), uri);
    }
}
