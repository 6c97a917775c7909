package io.fieldcast.mobile.ingest;

import java.util.List;

/**
 * What happened to a batch. Accepted pings are on Kafka; duplicates were accepted before (the phone may forget
 * them); rejected ones will never be accepted and the phone should drop them too.
 */
public record IngestAnswer(int accepted, int duplicates, List<Reject> rejected) {

    public record Reject(int index, String clientId, String reason) {
    }
}
