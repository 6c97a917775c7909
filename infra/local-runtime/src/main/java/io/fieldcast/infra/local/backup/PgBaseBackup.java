package io.fieldcast.infra.local.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;

/**
 * An online physical copy of a running PostgreSQL's data directory, as {@code pg_basebackup -X fetch} makes it (the
 * embedded server has no {@code pg_dump} or {@code pg_basebackup} binaries): {@code pg_backup_start} (a checkpoint),
 * the files copied while the server keeps writing, {@code pg_backup_stop}, then the write-ahead log written
 * meanwhile. The copy holds {@code backup_label}: a server started on it replays that log from the backup's
 * checkpoint and so opens on a consistent database as of the end of the copy, every committed row of the whole
 * cluster (every service's schema, roles, sequences) in it.
 */
final class PgBaseBackup {

    /** What the documentation says a base backup may leave out (their directories are kept, empty). */
    private static final Set<String> EMPTY_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "backup_label.old", "tablespace_map", "epg-lock");

    /** The copy: where, and the log position and time it began. */
    record Taken(Path directory, String startLsn, String stopLsn, Instant startedAt, long bytes) {
    }

    private PgBaseBackup() {
    }

    /**
     * Copies {@code dataDirectory} of the server {@code superuser} is connected to into {@code target} (created).
     * {@code startedAt}: the server's clock when the backup began.
     */
    static Taken copy(Connection superuser, Path dataDirectory, Path target) throws SQLException, IOException {
        try (Statement sql = superuser.createStatement()) {
            String walLevel = single(sql, "show wal_level");
            if ("minimal".equals(walLevel)) {
                throw new IllegalStateException("PostgreSQL runs with wal_level=minimal, which allows no online "
                        + "backup; set wal_level=replica (the default) and restart it");
            }
            Instant startedAt;
            String startLsn;
            String startSegment;
            try (ResultSet rs = sql.executeQuery("select pg_backup_start('fieldcast backup', true), now()")) {
                rs.next();
                startLsn = rs.getString(1);
                startedAt = rs.getTimestamp(2).toInstant();
            }
            long[] bytes = {0};
            String stopLsn;
            try {
                startSegment = single(sql, "select pg_walfile_name('" + startLsn + "'::pg_lsn)");
                Files.createDirectories(target);
                copyTree(dataDirectory, target, bytes);
            } finally {
                // Ends the backup on this session (non-exclusive), also when the copy failed.
                try (ResultSet rs = sql.executeQuery("select lsn, labelfile, spcmapfile from pg_backup_stop(false)")) {
                    rs.next();
                    stopLsn = rs.getString(1);
                    Files.writeString(target.resolve("backup_label"), rs.getString(2), StandardCharsets.UTF_8);
                    String spcmap = rs.getString(3);
                    if (spcmap != null && !spcmap.isBlank()) {
                        Files.writeString(target.resolve("tablespace_map"), spcmap, StandardCharsets.UTF_8);
                    }
                }
            }
            // The log up to the stop position is on disk now (pg_backup_stop switched segments): take it all.
            String stopSegment = single(sql, "select pg_walfile_name('" + stopLsn + "'::pg_lsn)");
            bytes[0] += copyWal(dataDirectory.resolve("pg_wal"), target.resolve("pg_wal"), startSegment,
                    stopSegment);
            return new Taken(target, startLsn, stopLsn, startedAt, bytes[0]);
        }
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void copyTree(Path source, Path target, long[] bytes) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = source.relativize(dir);
                Files.createDirectories(target.resolve(relative.toString()));
                ownerOnly(target.resolve(relative.toString()));
                if (relative.getNameCount() == 1 && EMPTY_DIRECTORIES.contains(relative.toString())) {
                    if (relative.toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve("pg_wal/archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = source.relativize(file);
                String name = file.getFileName().toString();
                if (relative.getNameCount() == 1 && LEFT_OUT.contains(name) || name.startsWith("pgsql_tmp")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(relative.toString()), StandardCopyOption.REPLACE_EXISTING);
                    bytes[0] += attrs.size();
                } catch (NoSuchFileException gone) {
                    // Dropped while copying (a table rewritten, a temporary file): the log replay accounts for it.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** Copies the segments from {@code first} to {@code last} (names sort in log order); fails when one is gone. */
    private static long copyWal(Path wal, Path target, String first, String last) throws IOException {
        long bytes = 0;
        boolean sawFirst = false;
        try (var segments = Files.list(wal)) {
            for (Path segment : segments.sorted().toList()) {
                String name = segment.getFileName().toString();
                if (!name.matches("[0-9A-F]{24}(\\.partial)?") && !name.endsWith(".history")) {
                    continue;
                }
                if (name.endsWith(".history") || name.substring(0, 24).compareTo(first) >= 0) {
                    sawFirst |= name.startsWith(first);
                    Files.copy(segment, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    bytes += Files.size(segment);
                }
            }
        }
        if (!sawFirst) {
            throw new IllegalStateException("the write-ahead log segment " + first + " the backup starts from was "
                    + "recycled before it could be copied (a very long copy); take the backup again");
        }
        if (!Files.exists(target.resolve(last))) {
            throw new IllegalStateException("the write-ahead log segment " + last + " the backup ends in is missing");
        }
        return bytes;
    }

    private static void ownerOnly(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: PostgreSQL checks nothing there either
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
