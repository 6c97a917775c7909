package io.fieldcast.bench.fuzz;

import java.net.URI;
import java.net.http.HttpRequest;

/** Fresh device sessions for requests that would end the bench's own (a phone's logout). */
final class Sessions {

    private final String mobileUrl;
    private final FuzzHttp http;
    private int made;

    Sessions(String mobileUrl, FuzzHttp http) {
        this.mobileUrl = mobileUrl;
        this.http = http;
    }

    /** The same request from a new session of the same technician (its own device id); unchanged if login fails. */
    FuzzRequest withThrowawaySession(FuzzRequest request) {
        Identity who = request.identity();
        String body = "{\"technicianId\":\"" + who.technician() + "\",\"secret\":\"" + FuzzPlatform.DEVICE_SECRET
                + "\",\"deviceId\":\"fuzz-throwaway-" + made++ + "\"}";
        FuzzHttp.Answer answer = http.exchange(HttpRequest.newBuilder(URI.create(mobileUrl + "/api/auth/device"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.status() != 200) {
            return request;
        }
        try {
            String token = Bodies.JSON.readTree(answer.body()).path("token").asText();
            Identity throwaway = new Identity(who.name(), token, who.scope(), who.technician());
            return new FuzzRequest(request.operation(), throwaway, request.mutation(), request.pathAndQuery(),
                    request.headers(), request.body(), request.contentType());
        } catch (Exception e) {
            return request;
        }
    }
}
