package io.fieldcast.eta.history;

import io.fieldcast.events.VisitStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A technician's day that is over, as it was lived: the route it ended with, every tap, the visits canceled. It can
 * be seen again at any moment of the day ({@link #at}), as the forecaster saw it then, to learn how far its windows
 * were from what happened.
 */
public record LivedDay(String technicianId, LocalDate date, long planVersion, double startLat, double startLon,
                       Instant shiftStart, List<VisitPlan> visits, List<Tap> taps, Set<UUID> canceled,
                       List<Word> words) {

    /** The technician's word of the time left of a visit's job ({@link VisitProgress.TimeLeft}). */
    public record Word(UUID appointmentId, VisitProgress.TimeLeft timeLeft) {
    }

    public LivedDay {
        visits = List.copyOf(visits);
        taps = List.copyOf(taps);
        canceled = Set.copyOf(canceled);
        words = words == null ? List.of() : List.copyOf(words);
    }

    /** A day whose technician said nothing of the time left of their jobs. */
    public LivedDay(String technicianId, LocalDate date, long planVersion, double startLat, double startLon,
                    Instant shiftStart, List<VisitPlan> visits, List<Tap> taps, Set<UUID> canceled) {
        this(technicianId, date, planVersion, startLat, startLon, shiftStart, visits, taps, canceled, List.of());
    }

    /**
     * The day at {@code now}: the taps made by then, the break they show, the newest word of the time left of a job
     * in hand said by then, nothing told (a customer's text does not change when the van arrives in what is learned
     * here), no GPS fix.
     */
    public DayState at(Instant now, ZoneId zone) {
        List<Tap> before = taps.stream().filter(t -> !t.deviceTime().isAfter(now)).toList();
        Map<UUID, VisitProgress> progress = withWords(progress(visits, before, canceled), words, now);
        return new DayState(technicianId, date, planVersion, startLat, startLon, shiftStart, visits, progress, null,
                now, Map.of(), DayBook.breakToday(before, now, zone, visits, Map.of()));
    }

    /**
     * {@code progress} with, for each visit on site, the newest of {@code words} said by {@code now} (a word replayed
     * from a phone back online counts from when it was said): what the forecaster reads of the job in hand, live
     * ({@link DayBook#load}) and when a day is seen again ({@link #at}).
     */
    static Map<UUID, VisitProgress> withWords(Map<UUID, VisitProgress> progress, List<Word> words, Instant now) {
        Map<UUID, VisitProgress> out = new HashMap<>(progress);
        for (Word w : words) {
            VisitProgress p = out.get(w.appointmentId());
            VisitProgress.TimeLeft said = w.timeLeft();
            if (p != null && p.inService() && !said.saidAt().isAfter(now)
                    && (p.timeLeft() == null || said.saidAt().isAfter(p.timeLeft().saidAt()))) {
                out.put(w.appointmentId(), p.withTimeLeft(said));
            }
        }
        return out;
    }

    /** What the taps say of each visit (the first of each status counts). */
    static Map<UUID, VisitProgress> progress(List<VisitPlan> visits, List<Tap> taps, Set<UUID> canceled) {
        Map<UUID, VisitProgress> out = new HashMap<>();
        for (VisitPlan v : visits) {
            UUID id = v.appointmentId();
            Instant enRoute = first(taps, id, VisitStatus.EN_ROUTE);
            Instant arrived = first(taps, id, VisitStatus.ARRIVED);
            Instant done = first(taps, id, VisitStatus.COMPLETED);
            Instant cannot = first(taps, id, VisitStatus.CANNOT_COMPLETE);
            boolean isCanceled = canceled.contains(id);
            out.put(id, new VisitProgress(enRoute, arrived, done != null ? done : cannot, isCanceled,
                    done != null && !isCanceled));
        }
        return out;
    }

    /** When the technician tapped "arrived" at this visit, null if never. */
    public Instant arrivedAt(UUID appointmentId) {
        return first(taps, appointmentId, VisitStatus.ARRIVED);
    }

    static Instant first(List<Tap> taps, UUID id, VisitStatus status) {
        return taps.stream().filter(t -> t.appointmentId().equals(id) && t.status() == status)
                .map(Tap::deviceTime).findFirst().orElse(null);
    }
}
