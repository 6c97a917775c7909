package io.fieldcast.platform.time;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Properties;

/**
 * Domain time shared by several processes through one small file: simulated time {@code sim} at wall time
 * {@code wall}, running {@code speed} times faster than the wall clock. {@code ./fieldcast demo} writes it and every
 * service it starts (and the simulator) reads it, so a day can be played at 60× with all of them agreeing on "now".
 *
 * <p>The file is re-read when it changes (looked at no more than every {@link #RECHECK}), so the owner can pause,
 * re-anchor or speed up the day while everybody runs. Re-anchoring at the current simulated instant keeps time
 * continuous. Without a file (deleted, or never written) the clock is the wall clock.
 *
 * <pre>
 * wall=1764050000000        # epoch milliseconds of the anchor on the wall clock
 * sim=2026-11-25T12:00:00Z  # simulated instant at that moment
 * speed=60                  # simulated seconds per wall second (0 pauses)
 * </pre>
 */
public final class SharedClock extends Clock {

    /** How often the file's modification time is looked at. */
    public static final Duration RECHECK = Duration.ofMillis(250);

    /** One anchor: simulated {@code sim} at wall {@code wall}, {@code speed}× from there. */
    public record Anchor(Instant wall, Instant sim, double speed) {

        public Anchor {
            if (!(speed >= 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a finite number >= 0, was " + speed);
            }
        }

        /** Simulated time at wall time {@code now}. */
        public Instant at(Instant now) {
            long wallMillis = now.toEpochMilli() - wall.toEpochMilli();
            return sim.plusMillis(Math.round(wallMillis * speed));
        }

        /** Wall time at which the simulated clock reads {@code simulated} (speed &gt; 0). */
        public Instant wallAt(Instant simulated) {
            long simMillis = simulated.toEpochMilli() - sim.toEpochMilli();
            return wall.plusMillis(Math.round(simMillis / speed));
        }
    }

    private final Path file;
    private final Clock wall;
    private final ZoneId zone;
    private volatile State state;

    private record State(long checkedNanos, FileTime modified, Anchor anchor) {
    }

    private SharedClock(Path file, Clock wall, ZoneId zone, State state) {
        this.file = file;
        this.wall = wall;
        this.zone = zone;
        this.state = state;
    }

    /** The clock the file describes; the wall clock while there is no file. */
    public static SharedClock of(Path file) {
        return of(file, Clock.systemUTC());
    }

    /** As {@link #of(Path)} with another wall clock (tests). */
    public static SharedClock of(Path file, Clock wall) {
        SharedClock clock = new SharedClock(file, wall, ZoneOffset.UTC, null);
        clock.refresh(System.nanoTime());
        return clock;
    }

    /** Writes an anchor atomically: simulated {@code sim} now, running at {@code speed}. */
    public static Anchor write(Path file, Instant sim, double speed, Clock wall) {
        Anchor anchor = new Anchor(wall.instant(), sim, speed);
        Properties p = new Properties();
        p.setProperty("wall", Long.toString(anchor.wall().toEpochMilli()));
        p.setProperty("sim", anchor.sim().toString());
        p.setProperty("speed", Double.toString(anchor.speed()));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".clock", ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "fieldcast shared clock: simulated time 'sim' at wall epoch millis 'wall', x speed");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the shared clock " + file, e);
        }
        return anchor;
    }

    /** Reads the anchor in the file; null when there is none. */
    public static Anchor read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shared clock " + file, e);
        }
        try {
            return new Anchor(Instant.ofEpochMilli(Long.parseLong(p.getProperty("wall").trim())),
                    Instant.parse(p.getProperty("sim").trim()), Double.parseDouble(p.getProperty("speed").trim()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the shared clock " + file + " is malformed (wall, sim, speed): " + p, e);
        }
    }

    /** The anchor in force; null when the clock is the wall clock. */
    public Anchor anchor() {
        return current().anchor();
    }

    public Path file() {
        return file;
    }

    @Override
    public Instant instant() {
        Anchor anchor = current().anchor();
        Instant now = wall.instant();
        return anchor == null ? now : anchor.at(now);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SharedClock(file, wall, zone, state);
    }

    private State current() {
        long nanos = System.nanoTime();
        State s = state;
        if (s == null || nanos - s.checkedNanos() >= RECHECK.toNanos()) {
            s = refresh(nanos);
        }
        return s;
    }

    private State refresh(long nanos) {
        State old = state;
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            return state = new State(nanos, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at the shared clock " + file, e);
        }
        if (old != null && modified.equals(old.modified()) && old.anchor() != null) {
            return state = new State(nanos, modified, old.anchor());
        }
        Anchor anchor = read(file);
        return state = new State(nanos, modified, anchor);
    }

    @Override
    public String toString() {
        Anchor a = anchor();
        return a == null ? "SharedClock[" + file + ": wall clock]" : "SharedClock[" + file + ": " + a + "]";
    }
}
