package io.fieldcast.eta.ops;

import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.TextedWindow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The window each customer was last told, kept on the appointment's row by the contract's one rule
 * ({@link TextedWindow#replaces}): the batch's texts are applied in order over what is stored, and only the result
 * is written. A void (a reschedule confirmation) leaves no window until a later window text.
 */
final class ToldWindows {

    private static final String STORED = """
            select appointment_id, told_start, told_end, told_version, told_at from ops_appointment
            where appointment_id = any($1) and told_at is not null for update""";
    private static final String WRITE = """
            insert into ops_appointment (appointment_id, told_start, told_end, told_version, told_at)
            values ($1, $2, $3, $4, $5)
            on conflict (appointment_id) do update set told_start = excluded.told_start,
                told_end = excluded.told_end, told_version = excluded.told_version, told_at = excluded.told_at""";

    Uni<Void> apply(SqlConnection db, List<NotificationSent> sent) {
        List<TextedWindow> texts = sent.stream().map(TextedWindow::of).filter(t -> t != null).toList();
        if (texts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = texts.stream().map(TextedWindow::appointmentId).distinct().toArray(UUID[]::new);
        return db.preparedQuery(STORED).execute(Tuple.of((Object) ids)).chain(stored -> {
            Map<UUID, TextedWindow> current = new HashMap<>();
            for (Row r : stored) {
                current.put(r.getUUID(0), new TextedWindow(r.getUUID(0), instant(r.getOffsetDateTime(1)),
                        instant(r.getOffsetDateTime(2)), r.getInteger(3), null, instant(r.getOffsetDateTime(4))));
            }
            Map<UUID, TextedWindow> changed = new LinkedHashMap<>();
            for (TextedWindow next : texts) {
                if (next.replaces(current.get(next.appointmentId()))) {
                    current.put(next.appointmentId(), next);
                    changed.put(next.appointmentId(), next);
                }
            }
            if (changed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Tuple> rows = new ArrayList<>();
            changed.values().forEach(t -> rows.add(Tuple.from(Arrays.asList(t.appointmentId(), utc(t.start()),
                    utc(t.end()), t.forecastVersion(), utc(t.textedAt())))));
            return db.preparedQuery(WRITE).executeBatch(rows).replaceWithVoid();
        });
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
