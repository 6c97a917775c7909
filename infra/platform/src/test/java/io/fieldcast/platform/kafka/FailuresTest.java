package io.fieldcast.platform.kafka;

import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures pass (retried while they last) and which do not (parked after their attempts). */
class FailuresTest {

    @Test
    void outagesConflictsAndTimeoutsPass() {
        assertTrue(Failures.isTransient(new CompletionException(new ConnectException("Connection refused"))));
        assertTrue(Failures.isTransient(new PgException("terminating connection", "FATAL", "57P01", null)));
        assertTrue(Failures.isTransient(new PgException("could not serialize", "ERROR", "40001", null)));
        assertTrue(Failures.isTransient(new SQLException("connection failure", "08006")));
        assertTrue(Failures.isTransient(new IllegalStateException("wrapped", new OptimisticLockException("stale"))));
        assertTrue(Failures.isTransient(new org.apache.kafka.common.errors.TimeoutException("metadata")));
    }

    @Test
    void impossibleContentDoesNotPass() {
        assertFalse(Failures.isTransient(new IllegalArgumentException("window ends before it starts")));
        assertFalse(Failures.isTransient(new NullPointerException("customer")));
        assertFalse(Failures.isTransient(new PgException("violates check constraint", "ERROR", "23514", null)));
        assertFalse(Failures.isTransient(new PgException("invalid input syntax", "ERROR", "22P02", null)));
    }

    @Test
    void describeNamesTheInnermostCause() {
        String d = Failures.describe(new IllegalStateException("outer", new IllegalArgumentException("inner")));
        assertTrue(d.contains("IllegalStateException") && d.contains("IllegalArgumentException: inner"), d);
    }
}
