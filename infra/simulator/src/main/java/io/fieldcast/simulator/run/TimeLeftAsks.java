package io.fieldcast.simulator.run;

import io.fieldcast.simulator.api.MobileClient;
import io.fieldcast.simulator.day.DayEngine;
import io.fieldcast.simulator.day.PhoneOutput;
import io.fieldcast.simulator.day.Truth;
import io.fieldcast.simulator.world.Habits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Live mode: eta-service asks a technician on site how long the job in hand still takes, and the phone shows the
 * question on the visit ({@code timeLeftAskedAt} of the route). The technician answers each question once, as they
 * tell the time left unasked ({@link DayEngine#answer}); the answer joins the phone's queue like any other word.
 */
final class TimeLeftAsks {

    /** One question: the visit it is about and when the platform asked it. */
    record Ask(UUID appointmentId, Instant askedAt) {
    }

    private final DayEngine engine;
    private final Function<String, Habits> habits;
    private final Stats stats;

    TimeLeftAsks(DayEngine engine, Function<String, Habits> habits, Stats stats) {
        this.engine = engine;
        this.habits = habits;
        this.stats = stats;
    }

    /** The technician of {@code t} reads the questions {@code route} shows at {@code simNow}; answers the new ones. */
    void answer(Replanner.Tracked t, MobileClient.Route route, Instant simNow) {
        for (Map.Entry<UUID, Instant> shown : route.timeLeftAskedAt().entrySet()) {
            if (!t.asked.add(new Ask(shown.getKey(), shown.getValue()))) {
                continue;
            }
            stats.timeLeftAsked.incrementAndGet();
            Truth.Visit visit = t.lived.get(shown.getKey());
            PhoneOutput.TimeLeft said = visit == null ? null
                    : engine.answer(visit, habits.apply(t.technician.id()).timeLeft(), shown.getValue(), simNow);
            if (said != null) {
                queue(t.lane, said.heldBy(t.outcome.day().offline()));
                Log.debug(t.technician.id() + ": asked at " + shown.getValue() + ", answers " + said.minutes()
                        + " min at " + said.deviceTime());
            }
        }
    }

    /**
     * Puts {@code said} in the phone's queue of unsent outputs. A phone sends its queue first in, first out: the word
     * goes out not before the taps and words it still holds from before it, and before those said after it (a word
     * sent after the visit's done tap is refused: the visit is no longer on site).
     */
    static void queue(Replay.Lane lane, PhoneOutput said) {
        Instant sendAt = said.sendAt();
        for (PhoneOutput o : lane.outputs.subList(lane.next, lane.outputs.size())) {
            if (o.appointmentId() != null && !o.deviceTime().isAfter(said.deviceTime()) && o.sendAt().isAfter(sendAt)) {
                sendAt = o.sendAt();
            }
        }
        PhoneOutput queued = said.sentAt(sendAt);
        int at = lane.next;
        while (at < lane.outputs.size() && goesFirst(lane.outputs.get(at), queued)) {
            at++;
        }
        List<PhoneOutput> all = new ArrayList<>(lane.outputs);
        all.add(at, queued);
        lane.outputs = all;
    }

    /** Whether {@code o}, queued already, goes out before {@code queued}: fixes of one batch always do. */
    private static boolean goesFirst(PhoneOutput o, PhoneOutput queued) {
        int bySend = o.sendAt().compareTo(queued.sendAt());
        return bySend < 0 || bySend == 0 && (o.appointmentId() == null
                || !o.deviceTime().isAfter(queued.deviceTime()));
    }
}
