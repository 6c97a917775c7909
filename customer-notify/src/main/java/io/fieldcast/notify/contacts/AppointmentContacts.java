package io.fieldcast.notify.contacts;

import io.fieldcast.platform.sql.ArrayColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.OptimisticLockException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.fieldcast.platform.sql.ArrayColumns.column;

/**
 * Notify's appointment views read and written a batch at a time on one connection of the caller's transaction: one
 * query for all the appointments a batch of events touches, one statement for the new ones and one for the changed
 * ones, whatever their number (arrays, not one statement per row). The {@code version} column fences a write as
 * Hibernate's optimistic lock does: a view changed by someone else since it was read fails the batch, which is
 * read again and retried.
 */
public final class AppointmentContacts {

    private static final ArrayColumns<AppointmentContact> COLUMNS = ArrayColumns.of(
            column("appointment_id", "uuid", c -> c.appointmentId),
            column("customer_id", "uuid", c -> c.customerId),
            column("first_name", "text", c -> c.firstName),
            column("phone", "text", c -> c.phone),
            column("email", "text", c -> c.email),
            column("language", "text", c -> c.language),
            column("sms_opt_in", "boolean", c -> c.smsOptIn),
            column("email_opt_in", "boolean", c -> c.emailOptIn),
            column("time_zone", "text", c -> c.timeZone),
            column("territory_id", "text", c -> c.territoryId),
            column("window_start", "timestamptz", c -> c.windowStart),
            column("window_end", "timestamptz", c -> c.windowEnd),
            column("status", "text", c -> c.status),
            column("updated_at", "timestamptz", c -> c.updatedAt),
            column("technician_id", "text", c -> c.technicianId),
            column("technician_first_name", "text", c -> c.technicianFirstName),
            column("planned_arrival", "timestamptz", c -> c.plannedArrival),
            column("visit_status", "text", c -> c.visitStatus),
            column("forecast_version", "integer", c -> c.forecastVersion),
            column("forecast_p50", "timestamptz", c -> c.forecastP50),
            column("forecast_start", "timestamptz", c -> c.forecastStart),
            column("forecast_end", "timestamptz", c -> c.forecastEnd),
            column("told_start", "timestamptz", c -> c.toldStart),
            column("told_end", "timestamptz", c -> c.toldEnd),
            column("told_cause", "text", c -> c.toldCause),
            column("told_probability", "float8", c -> c.toldProbability),
            column("updates_day", "date", c -> c.updatesDay),
            column("updates_count", "integer", c -> c.updatesCount),
            column("sms_opted_out", "boolean", c -> c.smsOptedOut),
            column("manage_url", "text", c -> c.manageUrl),
            column("home_lat", "float8", c -> c.homeLat),
            column("home_lon", "float8", c -> c.homeLon),
            column("version", "bigint", c -> c.version));

    private static final String SELECT = "select " + COLUMNS.names() + " from appointment_contact";
    private static final String INSERT = "insert into appointment_contact (" + COLUMNS.names() + ") select "
            + COLUMNS.names() + " from " + COLUMNS.unnest(1, "v") + " on conflict (appointment_id) do nothing";
    private static final String UPDATE = "update appointment_contact c set "
            + String.join(", ", COLUMNS.columns().stream().map(ArrayColumns.Column::name)
                    .filter(name -> !name.equals("appointment_id") && !name.equals("version"))
                    .map(name -> name + " = v." + name).toList())
            + ", version = c.version + 1 from " + COLUMNS.unnest(1, "v")
            + " where c.appointment_id = v.appointment_id and c.version = v.version";

    private AppointmentContacts() {
    }

    /** The views of {@code ids} that exist, by appointment. */
    public static Uni<Map<UUID, AppointmentContact>> load(SqlClient db, Collection<UUID> ids) {
        return db.preparedQuery(SELECT + " where appointment_id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, AppointmentContact> loaded = new LinkedHashMap<>();
                    for (Row r : rows) {
                        AppointmentContact c = read(r);
                        loaded.put(c.appointmentId, c);
                    }
                    return loaded;
                });
    }

    /** Booked views not yet done, whose promised window starts between {@code from} and {@code to}. */
    public static Uni<List<AppointmentContact>> waitingBetween(SqlClient db, Instant from, Instant to) {
        return db.preparedQuery(SELECT + " where status = 'BOOKED' and visit_status is null and window_start > $1"
                        + " and window_start < $2")
                .execute(Tuple.of(at(from), at(to)))
                .map(rows -> {
                    List<AppointmentContact> out = new ArrayList<>();
                    rows.forEach(r -> out.add(read(r)));
                    return out;
                });
    }

    /** The phones among {@code phones} that replied STOP. */
    public static Uni<Set<String>> optedOut(SqlClient db, Collection<String> phones) {
        if (phones.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return db.preparedQuery("select phone from sms_opt_out where phone = any($1)")
                .execute(Tuple.of(phones.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> stopped = new HashSet<>();
                    rows.forEach(r -> stopped.add(r.getString(0)));
                    return stopped;
                });
    }

    /**
     * Writes new views and changed ones, each fenced on the version read: a view inserted or changed meanwhile by
     * another instance fails with an {@link OptimisticLockException}, so the batch is read again and retried.
     */
    public static Uni<Void> save(SqlClient db, List<AppointmentContact> created, List<AppointmentContact> changed) {
        return write(db, INSERT, created, false).chain(() -> write(db, UPDATE, changed, true));
    }

    private static Uni<Void> write(SqlClient db, String sql, List<AppointmentContact> views, boolean bump) {
        if (views.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery(sql).execute(COLUMNS.arrays(views)).invoke(rows -> {
            if (rows.rowCount() != views.size()) {
                throw new OptimisticLockException((views.size() - rows.rowCount())
                        + " appointment view(s) were written by someone else meanwhile; reading them again");
            }
        }).invoke(() -> views.forEach(v -> v.version += bump ? 1 : 0)).replaceWithVoid();
    }

    private static AppointmentContact read(Row r) {
        AppointmentContact c = new AppointmentContact();
        c.appointmentId = r.getUUID("appointment_id");
        c.customerId = r.getUUID("customer_id");
        c.firstName = r.getString("first_name");
        c.phone = r.getString("phone");
        c.email = r.getString("email");
        c.language = r.getString("language");
        c.smsOptIn = r.getBoolean("sms_opt_in");
        c.emailOptIn = r.getBoolean("email_opt_in");
        c.timeZone = r.getString("time_zone");
        c.territoryId = r.getString("territory_id");
        c.windowStart = instant(r.getOffsetDateTime("window_start"));
        c.windowEnd = instant(r.getOffsetDateTime("window_end"));
        c.status = r.getString("status");
        c.updatedAt = instant(r.getOffsetDateTime("updated_at"));
        c.technicianId = r.getString("technician_id");
        c.technicianFirstName = r.getString("technician_first_name");
        c.plannedArrival = instant(r.getOffsetDateTime("planned_arrival"));
        c.visitStatus = r.getString("visit_status");
        c.forecastVersion = r.getInteger("forecast_version");
        c.forecastP50 = instant(r.getOffsetDateTime("forecast_p50"));
        c.forecastStart = instant(r.getOffsetDateTime("forecast_start"));
        c.forecastEnd = instant(r.getOffsetDateTime("forecast_end"));
        c.toldStart = instant(r.getOffsetDateTime("told_start"));
        c.toldEnd = instant(r.getOffsetDateTime("told_end"));
        c.toldCause = r.getString("told_cause");
        c.toldProbability = r.getDouble("told_probability");
        c.updatesDay = r.getLocalDate("updates_day");
        c.updatesCount = r.getInteger("updates_count");
        c.smsOptedOut = r.getBoolean("sms_opted_out");
        c.manageUrl = r.getString("manage_url");
        c.homeLat = r.getDouble("home_lat");
        c.homeLon = r.getDouble("home_lon");
        c.version = r.getLong("version");
        return c;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
