package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Pid files and the processes they name. A pid file whose process is gone is stale and reads as empty. */
final class Pids {

    private Pids() {
    }

    static OptionalLong read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return OptionalLong.empty();
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            int end = text.indexOf('\n');
            return OptionalLong.of(Long.parseLong(end < 0 ? text : text.substring(0, end).strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live process named by {@code file} whose command line contains {@code marker}, if any. */
    static Optional<ProcessHandle> live(Path file, String marker) {
        OptionalLong pid = read(file);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        // The marker guards against a reused pid: after a reboot the number may belong to anything.
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(p -> !zombie(p.pid()))
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(true));
    }

    /**
     * A killed process stays a zombie until its parent reaps it; a detached supervisor's parent is init, which may
     * take a moment. {@link ProcessHandle#isAlive()} still says alive then, so the state in /proc decides.
     */
    static boolean zombie(long pid) {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            int end = text.lastIndexOf(')');
            return end > 0 && end + 2 < text.length() && text.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            // No /proc (not Linux) or the process just went away: isAlive() has the last word.
            return false;
        }
    }

    static void write(Path file, long pid) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code file} only if it still names {@code pid}, so a newer owner's file is left alone. */
    static void deleteIfOwnedBy(Path file, long pid) {
        if (read(file).orElse(-1) == pid) {
            delete(file);
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; true if the process is gone at the end. */
    static boolean terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        if (awaitExit(process, grace)) {
            return true;
        }
        process.destroyForcibly();
        return awaitExit(process, Duration.ofSeconds(10));
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
