package io.fieldcast.platform.it;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Counting rows of the test application's schema, and waiting for a count to be reached. */
final class TestRows {

    private TestRows() {
    }

    static void await(AgroalDataSource db, String sql, long expected, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        long actual = count(db, sql);
        while (actual < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            actual = count(db, sql);
        }
        assertEquals(expected, actual, sql);
    }

    static long count(AgroalDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
