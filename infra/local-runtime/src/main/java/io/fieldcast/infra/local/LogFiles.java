package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The runtime's logs are appended across restarts; this keeps one previous generation instead of growing forever. */
final class LogFiles {

    private static final long MAX_BYTES = 20L * 1024 * 1024;

    private LogFiles() {
    }

    /** Before a process starts appending: a log past 20 MiB becomes {@code name.1}, replacing the older one. */
    static void rotateIfLarge(Path log) {
        try {
            if (Files.isRegularFile(log) && Files.size(log) > MAX_BYTES) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate " + log, e);
        }
    }
}
