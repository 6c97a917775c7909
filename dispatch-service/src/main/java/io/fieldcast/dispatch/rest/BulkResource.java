package io.fieldcast.dispatch.rest;

import io.fieldcast.platform.security.Sha256;
import io.fieldcast.dispatch.booking.AppointmentDtos.BookRequest;
import io.fieldcast.dispatch.booking.AppointmentDtos.NewCustomer;
import io.fieldcast.dispatch.booking.BookingService;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.Customer;
import io.fieldcast.dispatch.domain.JobType;
import io.fieldcast.dispatch.domain.Json;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.rest.ReferenceDtos.TechnicianBody;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.platform.csv.Csv;
import io.fieldcast.platform.idempotency.Idempotency;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bulk admin by CSV: technicians (skills, shifts) and appointments in and out. An import first checks every row and
 * lists every error with its line and column; {@code dryRun=true} stops there. A real import of technicians writes all
 * rows in one transaction or none; appointments are booked row by row through the dispatcher's own path (capacity,
 * audit, texts), each row at most once however often the file is sent again (the row is its own idempotency key).
 */
@Path("/api/bulk")
@Tag(name = "bulk")
public class BulkResource {

    static final List<String> TECHNICIAN_COLUMNS = List.of("id", "name", "phone", "territory", "home_lat", "home_lon",
            "skills", "shifts", "break_minutes", "break_window", "active");
    static final List<String> APPOINTMENT_COLUMNS = List.of("territory", "customer_name", "customer_phone",
            "customer_email", "language", "address", "lat", "lon", "job_type", "window_start", "window_end",
            "priority", "notes");
    private static final List<String> APPOINTMENT_EXPORT = concat(List.of("id", "status", "technician",
            "planned_arrival", "service_date"), APPOINTMENT_COLUMNS);
    private static final int MAX_ROWS = 5_000;
    private static final String CSV = "text/csv";

    /** One row's problem: its line (as a spreadsheet numbers it), the column, what is wrong. */
    public record RowError(int line, String column, String message) {
    }

    /** What an import found and did. */
    public record ImportResult(boolean dryRun, int rows, int valid, List<RowError> errors, int written,
                               List<RowError> refused) {
    }

    @Inject
    Validator validator;
    @Inject
    TechnicianWrites technicians;
    @Inject
    BookingService booking;
    @Inject
    Roads roads;
    @Inject
    Idempotency idempotency;
    @Inject
    JsonWebToken jwt;

    // ---- technicians ---------------------------------------------------------------------------------------------

    @GET
    @Path("/technicians.csv")
    @Produces(CSV)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Every technician as CSV (the import's columns)")
    public Response exportTechnicians() {
        List<Technician> all = Reactive.inSession(() -> Technician.<Technician>listAll());
        List<List<?>> rows = new ArrayList<>();
        all.stream().sorted((a, b) -> a.id.compareTo(b.id)).forEach(t -> rows.add(List.of(t.id, t.name,
                nullToEmpty(t.phone), t.territoryId, t.homeLat, t.homeLon, skills(t.skills), shifts(t.weeklyShifts),
                t.breakMinutes, nullToEmpty(t.breakWindow), t.active)));
        return csv(Csv.write(TECHNICIAN_COLUMNS, rows), "technicians.csv");
    }

    @POST
    @Path("/technicians")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace technicians from CSV (columns as the export); every row checked first, "
            + "dryRun=true only checks; a real import writes every row or, with any error, none (400 listing them)")
    public Response importTechnicians(@QueryParam("dryRun") @DefaultValue("false") boolean dryRun, String body) {
        Csv.Table table = table(body, List.of("id", "name", "phone", "territory", "home_lat", "home_lon", "shifts"));
        List<RowError> errors = new ArrayList<>();
        List<TechnicianBody> valid = new ArrayList<>();
        Set<String> territories = Reactive.inSession(() -> Territory.<Territory>listAll()).stream().map(t -> t.id)
                .collect(java.util.stream.Collectors.toSet());
        Map<String, Integer> seen = new HashMap<>();
        for (Csv.Row row : table.rows()) {
            List<RowError> mine = new ArrayList<>();
            TechnicianBody t = technician(row, mine);
            if (t != null) {
                violations(validator.validate(t), row.line(), mine, TECHNICIAN_FIELDS);
                if (t.territoryId() != null && !territories.contains(t.territoryId())) {
                    mine.add(new RowError(row.line(), "territory", "unknown territory '" + t.territoryId() + "'"));
                }
                Integer first = t.id() == null ? null : seen.putIfAbsent(t.id(), row.line());
                if (first != null) {
                    mine.add(new RowError(row.line(), "id", "'" + t.id() + "' is on line " + first + " too"));
                }
                if (mine.isEmpty()) {
                    checked(() -> technicians.check(t), row.line(), "home_lat", mine);
                }
            }
            errors.addAll(mine);
            if (mine.isEmpty()) {
                valid.add(t);
            }
        }
        ImportResult result = new ImportResult(dryRun, table.rows().size(), valid.size(), errors, 0, List.of());
        if (dryRun) {
            return Response.ok(result).build();
        }
        if (!errors.isEmpty()) {
            return Response.status(400).entity(result).build();
        }
        String actor = jwt.getName();
        Reactive.await(() -> Panache.withTransaction(() -> {
            var chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
            for (TechnicianBody t : valid) {
                chain = chain.chain(() -> technicians.put(t, actor + " (import)").replaceWithVoid());
            }
            return chain;
        }));
        return Response.ok(new ImportResult(false, table.rows().size(), valid.size(), List.of(), valid.size(),
                List.of())).build();
    }

    private static final Map<String, String> TECHNICIAN_FIELDS = Map.of("id", "id", "name", "name", "phone", "phone",
            "territoryId", "territory", "homeLat", "home_lat", "homeLon", "home_lon", "skills", "skills",
            "weeklyShifts", "shifts", "breakMinutes", "break_minutes", "breakWindow", "break_window");

    private static TechnicianBody technician(Csv.Row row, List<RowError> errors) {
        Double lat = number(row, "home_lat", errors);
        Double lon = number(row, "home_lon", errors);
        Integer breakMinutes = integer(row, "break_minutes", errors);
        Map<String, Integer> skills = new TreeMap<>();
        String skillCell = row.get("skills");
        if (skillCell != null) {
            for (String part : skillCell.split(";")) {
                String[] kv = part.strip().split(":", 2);
                try {
                    skills.put(kv[0].strip(), kv.length == 2 ? Integer.parseInt(kv[1].strip()) : 1);
                } catch (NumberFormatException e) {
                    errors.add(new RowError(row.line(), "skills", "'" + part.strip()
                            + "' is not skill:level like repair:3"));
                }
            }
        }
        Map<String, String> shifts = new LinkedHashMap<>();
        String shiftCell = row.get("shifts");
        if (shiftCell != null) {
            for (String part : shiftCell.split(";")) {
                String[] kv = part.strip().split("\\s+", 2);
                if (kv.length != 2) {
                    errors.add(new RowError(row.line(), "shifts", "'" + part.strip()
                            + "' is not a weekday and hours like MONDAY 08:00-17:00"));
                } else {
                    shifts.put(kv[0].toUpperCase(java.util.Locale.ROOT), kv[1].strip());
                }
            }
        }
        String active = row.get("active");
        if (active != null && !active.equalsIgnoreCase("true") && !active.equalsIgnoreCase("false")) {
            errors.add(new RowError(row.line(), "active", "must be true or false"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new TechnicianBody(row.get("id"), row.get("name"), row.get("phone"), row.get("territory"), lat, lon,
                skills, shifts, breakMinutes, row.get("break_window"), active == null || Boolean.parseBoolean(active));
    }

    // ---- appointments --------------------------------------------------------------------------------------------

    @GET
    @Path("/appointments.csv")
    @Produces(CSV)
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A territory's appointments from one service date to another (at most 92 days) as CSV")
    public Response exportAppointments(@QueryParam("territory") String territory, @QueryParam("from") String from,
                                       @QueryParam("to") String to) {
        if (territory == null || territory.isBlank()) {
            throw ApiException.badRequest("territory", "must be given");
        }
        Access.of(jwt).requireVisible(territory, "territory " + territory);
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first) || last.isAfter(first.plusDays(92))) {
            throw ApiException.badRequest("to", "must be from 'from' up to 92 days after it");
        }
        List<Appointment> appointments = Reactive.inSession(() -> Appointment.<Appointment>list(
                "territoryId = ?1 and serviceDate between ?2 and ?3 order by serviceDate, windowStart", territory,
                first, last));
        List<java.util.UUID> ids = appointments.stream().map(a -> a.customerId).filter(java.util.Objects::nonNull)
                .distinct().toList();
        Map<java.util.UUID, Customer> customers = new HashMap<>();
        if (!ids.isEmpty()) {
            Reactive.inSession(() -> Customer.<Customer>list("id in ?1", ids)).forEach(c -> customers.put(c.id, c));
        }
        List<List<?>> rows = new ArrayList<>();
        for (Appointment a : appointments) {
            Customer c = customers.get(a.customerId);
            rows.add(java.util.Arrays.asList(a.id, a.status, a.technicianId, a.plannedArrival, a.serviceDate,
                    a.territoryId, c == null ? null : c.name, c == null ? null : c.phone, c == null ? null : c.email,
                    c == null ? null : c.language, a.address, a.lat, a.lon, a.jobType, a.windowStart, a.windowEnd,
                    a.priority, a.notes));
        }
        return csv(Csv.write(APPOINTMENT_EXPORT, rows), "appointments-" + territory + "-" + first + ".csv");
    }

    @POST
    @Path("/appointments")
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Operation(summary = "Book appointments from CSV (columns as the export's booking columns); every row checked "
            + "first, dryRun=true only checks; any error: 400 listing them, nothing booked; else each row booked as a "
            + "dispatcher books it (a row without capacity is listed as refused), each at most once")
    public Response importAppointments(@QueryParam("dryRun") @DefaultValue("false") boolean dryRun, String body) {
        Csv.Table table = table(body, List.of("territory", "customer_name", "customer_phone", "address", "lat", "lon",
                "job_type", "window_start", "window_end"));
        Access access = Access.of(jwt);
        Set<String> jobTypes = Reactive.inSession(() -> JobType.<JobType>listAll()).stream().map(j -> j.code)
                .collect(java.util.stream.Collectors.toSet());
        List<RowError> errors = new ArrayList<>();
        List<Map.Entry<Csv.Row, BookRequest>> valid = new ArrayList<>();
        for (Csv.Row row : table.rows()) {
            List<RowError> mine = new ArrayList<>();
            BookRequest request = appointment(row, mine);
            if (request != null) {
                violations(validator.validate(request), row.line(), mine, APPOINTMENT_FIELDS);
                if (request.territoryId() != null && !access.sees(request.territoryId())) {
                    mine.add(new RowError(row.line(), "territory", "not one of your territories"));
                }
                if (request.jobType() != null && !jobTypes.contains(request.jobType())) {
                    mine.add(new RowError(row.line(), "job_type", "unknown job type '" + request.jobType() + "'"));
                }
                if (mine.isEmpty()) {
                    checked(() -> roads.snap(request.lat(), request.lon(), "lat"), row.line(), "lat", mine);
                }
            }
            errors.addAll(mine);
            if (mine.isEmpty()) {
                valid.add(Map.entry(row, request));
            }
        }
        if (dryRun || !errors.isEmpty()) {
            return Response.status(dryRun ? 200 : 400)
                    .entity(new ImportResult(dryRun, table.rows().size(), valid.size(), errors, 0, List.of())).build();
        }
        int booked = 0;
        List<RowError> refused = new ArrayList<>();
        for (var entry : valid) {
            BookRequest request = entry.getValue();
            try {
                Response answer = idempotency.once("appointments.import", rowKey(entry.getKey()), request,
                        claim -> Response.status(201).entity(booking.book(request, access,
                                claim.answers(view -> Response.status(201).entity(view).build()))).build());
                if (answer.getStatus() == 201 || answer.getStatus() == 200) {
                    booked++;
                }
            } catch (ApiException e) {
                refused.add(new RowError(entry.getKey().line(), "window_start", e.getMessage()));
            }
        }
        return Response.ok(new ImportResult(false, table.rows().size(), valid.size(), List.of(), booked, refused))
                .build();
    }

    private static final Map<String, String> APPOINTMENT_FIELDS = Map.ofEntries(Map.entry("territoryId", "territory"),
            Map.entry("customer.name", "customer_name"), Map.entry("customer.phone", "customer_phone"),
            Map.entry("customer.email", "customer_email"), Map.entry("customer.language", "language"),
            Map.entry("address", "address"), Map.entry("lat", "lat"), Map.entry("lon", "lon"),
            Map.entry("jobType", "job_type"), Map.entry("windowStart", "window_start"),
            Map.entry("windowEnd", "window_end"), Map.entry("priority", "priority"), Map.entry("notes", "notes"));

    private static BookRequest appointment(Csv.Row row, List<RowError> errors) {
        Double lat = number(row, "lat", errors);
        Double lon = number(row, "lon", errors);
        Integer priority = integer(row, "priority", errors);
        Instant start = instant(row, "window_start", errors);
        Instant end = instant(row, "window_end", errors);
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new RowError(row.line(), "window_end", "must be after window_start"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        String language = row.get("language");
        return new BookRequest(null, new NewCustomer(row.get("customer_name"), row.get("customer_phone"),
                row.get("customer_email"), language == null ? null : language.toLowerCase(java.util.Locale.ROOT),
                true, row.get("customer_email") != null), row.get("address"), lat, lon, row.get("job_type"), start,
                end, priority == null ? 3 : priority, row.get("notes"), row.get("territory"));
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    private static Csv.Table table(String body, List<String> required) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("body", "send the CSV file as the body (Content-Type: text/csv)");
        }
        Csv.Table table;
        try {
            table = Csv.read(body, MAX_ROWS);
        } catch (Csv.CsvException e) {
            throw ApiException.badRequest("body", e.getMessage());
        }
        List<String> missing = required.stream().filter(c -> !table.header().contains(c)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("body", "the header lacks " + missing + "; it has " + table.header());
        }
        return table;
    }

    private static <T> void violations(Set<ConstraintViolation<T>> found, int line, List<RowError> errors,
                                       Map<String, String> columns) {
        found.stream().sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
                .forEach(v -> {
                    String path = v.getPropertyPath().toString();
                    String column = columns.getOrDefault(path, columns.getOrDefault(path.replaceAll("[<\\[.].*", ""),
                            path));
                    errors.add(new RowError(line, column, v.getMessage()));
                });
    }

    private static void checked(Runnable check, int line, String column, List<RowError> errors) {
        try {
            check.run();
        } catch (ApiException e) {
            errors.add(new RowError(line, column, e.getMessage()));
        }
    }

    private static Double number(Csv.Row row, String column, List<RowError> errors) {
        String v = row.get(column);
        try {
            return v == null ? null : Double.valueOf(v);
        } catch (NumberFormatException e) {
            errors.add(new RowError(row.line(), column, "'" + v + "' is not a number"));
            return null;
        }
    }

    private static Integer integer(Csv.Row row, String column, List<RowError> errors) {
        String v = row.get(column);
        try {
            return v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            errors.add(new RowError(row.line(), column, "'" + v + "' is not a whole number"));
            return null;
        }
    }

    private static Instant instant(Csv.Row row, String column, List<RowError> errors) {
        String v = row.get(column);
        try {
            return v == null ? null : Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new RowError(row.line(), column, "'" + v + "' is not a time like 2026-03-02T08:00:00Z"));
            return null;
        }
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiException.badRequest(field, "must be a date like 2026-03-02");
        }
    }

    /** The row's own idempotency key: the same row sent again books nothing new. */
    private static String rowKey(Csv.Row row) {
        return "csv-" + Sha256.hex(new TreeMap<>(row.cells()).toString());
    }

    private static String skills(String json) {
        Map<String, Integer> skills = json == null ? Map.of() : Json.intMap(json);
        return String.join(";", new TreeMap<>(skills).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .toList());
    }

    private static String shifts(String json) {
        Map<String, String> shifts = json == null ? Map.of() : Json.stringMap(json);
        return String.join(";", shifts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Response csv(String text, String filename) {
        return Response.ok(text).type(CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
