package io.fieldcast.simulator.day;

import java.util.List;

/** A simulated day: the truth and what the phone sends, ordered by {@link PhoneOutput#sendAt()}. */
public record DayOutcome(Truth.Day day, List<Truth.Visit> visits, List<PhoneOutput> outputs) {

    public DayOutcome {
        visits = List.copyOf(visits);
        outputs = List.copyOf(outputs);
    }

    public long fixCount() {
        return outputs.stream().filter(o -> o instanceof PhoneOutput.Fix).count();
    }

    public long tapCount() {
        return outputs.stream().filter(o -> o instanceof PhoneOutput.StatusTap).count();
    }
}
