package io.fieldcast.bench.fuzz;

import java.util.Map;

/**
 * One request the generator made.
 *
 * @param operation   what it exercises
 * @param identity    who sends it
 * @param mutation    how it was made ({@code valid}, {@code malformed-json}, {@code oversized}, …)
 * @param pathAndQuery the encoded path with its query string
 * @param headers     extra headers (the bearer token is added when sent)
 * @param body        the body, or null for none
 * @param contentType the body's content type, or null
 */
record FuzzRequest(ApiOperation operation, Identity identity, String mutation, String pathAndQuery,
                   Map<String, String> headers, String body, String contentType) {

    /** Everything the caller sent, for telling an echo from a leak. */
    String sent() {
        return pathAndQuery + "\n" + headers + "\n" + (body == null ? "" : body);
    }

    String describe() {
        return operation.method() + " " + FuzzReport.excerpt(pathAndQuery, 160) + " as " + identity.name() + " ["
                + mutation + "]";
    }
}
