package io.fieldcast.simulator.api;

/** An HTTP answer the simulator did not expect, with the status and body for the log. */
public class ApiCallException extends RuntimeException {

    private final int status;

    public ApiCallException(String call, int status, String body) {
        super(call + " -> " + status + ": " + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
