package io.fieldcast.platform.kafka;

import io.vertx.pgclient.PgException;
import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that will pass (a database or broker away, a lock or serialization conflict) from one that will
 * not (an event the handler cannot apply). The first is retried for as long as it lasts; the second a bounded number
 * of times, then its event is parked. Unsure means transient: parking an event because PostgreSQL restarted would
 * lose it from the flow, retrying a bad one only delays its partition.
 */
public final class Failures {

    /** PostgreSQL SQLSTATE classes that pass: connection (08), resources (53), operator intervention (57), rollback (40). */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53", "57", "40");
    /** Lock not available, object in use. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("55P03", "55006");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof RetriableException
                    || t instanceof RejectedExecutionException) {
                return true;
            }
            String state = sqlState(t);
            if (state != null && state.length() >= 2 && (TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2))
                    || TRANSIENT_SQL_STATES.contains(state))) {
                return true;
            }
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            // The reactive PostgreSQL client reports a lost or refused connection without an SQLSTATE.
            if ((name.startsWith("io.vertx") || name.startsWith("io.netty") || name.contains("Connection"))
                    && (message.contains("connection") || message.contains("closed") || message.contains("refused")
                    || message.contains("timeout") || message.contains("timed out"))) {
                return true;
            }
            if (name.endsWith("ConnectionPoolTooBusyException") || name.endsWith("NoStackTraceTimeoutException")) {
                return true;
            }
            // Another instance changed the row first: reading it again and re-applying passes.
            if (name.endsWith("OptimisticLockException") || name.endsWith("StaleObjectStateException")
                    || name.endsWith("StaleStateException")) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE of a JDBC or reactive PostgreSQL error. */
    private static String sqlState(Throwable t) {
        return switch (t) {
            case SQLException sql -> sql.getSQLState();
            case PgException pg -> pg.getSqlState();
            default -> null;
        };
    }

    /** One line for a log or a dead-letter header: the innermost cause that says something. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root.getClass().getSimpleName() + ": " + root.getMessage();
        return root == failure ? what : failure.getClass().getSimpleName() + " <- " + what;
    }
}
