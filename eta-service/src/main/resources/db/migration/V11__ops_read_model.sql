-- The operations page's read model (package ops), fed by the events only: one row per appointment and one per
-- technician-day. Events of different topics arrive in any order, so each column is written by the events that know
-- it, guarded by the event's own time (or plan version) where a later event must win.

create table ops_appointment (
    appointment_id        uuid primary key,
    territory_id          text,
    channel               text,
    job_type              text,
    -- AppointmentBooked: when, on which local day, and the window promised at booking (lead time).
    booked_at             timestamptz,
    booked_day            date,
    booked_window_start   timestamptz,
    -- The current booked window (a reschedule moves it) and the local day it falls on.
    window_start          timestamptz,
    window_end            timestamptz,
    window_set_at         timestamptz,
    service_day           date,
    reschedules           integer     not null default 0,
    canceled_at           timestamptz,
    canceled_by           text,
    -- Changes (reschedules, updates, cancellations) by who made them; unknown: a producer before events 0.1.7.
    changes_dispatcher    integer     not null default 0,
    changes_customer      integer     not null default 0,
    changes_system        integer     not null default 0,
    changes_unknown       integer     not null default 0,
    -- The technician of the newest route that holds the visit, and the one who tapped it.
    planned_technician    text,
    planned_at            timestamptz,
    served_by             text,
    -- The first ARRIVED tap, and the first final tap (COMPLETED / CANNOT_COMPLETE) with its reason.
    arrived_at            timestamptz,
    outcome               text,
    outcome_at            timestamptz,
    outcome_reason        text,
    -- Texts: NotificationSent / NotificationFailed counts, and the window the customer was last told (TextedWindow).
    texts_sent            integer     not null default 0,
    texts_failed          integer     not null default 0,
    told_start            timestamptz,
    told_end              timestamptz,
    told_version          integer,
    told_at               timestamptz
);

create index ops_appointment_service_day on ops_appointment (service_day, territory_id);
create index ops_appointment_booked_day on ops_appointment (booked_day, territory_id);

create table ops_tech_day (
    technician_id         text        not null,
    day                   date        not null,
    territory_id          text,
    -- From the newest RoutePlanned of the day (null until one arrives: a tap may come first).
    plan_version          bigint,
    route_versions        integer     not null default 0,
    shift_start           timestamptz,
    shift_end             timestamptz,
    visits                integer     not null default 0,
    work_minutes          double precision not null default 0,
    travel_minutes        double precision not null default 0,
    travel_km             double precision not null default 0,
    drive_home_minutes    double precision not null default 0,
    planned_end           timestamptz,
    -- Minutes of planned work and of shift in each local hour 0..23 (the heat map).
    work_by_hour          double precision[],
    shift_by_hour         double precision[],
    -- The last final tap of the day (COMPLETED / CANNOT_COMPLETE), device time.
    last_finish_at        timestamptz,
    primary key (technician_id, day)
);

create index ops_tech_day_day on ops_tech_day (day, territory_id);
