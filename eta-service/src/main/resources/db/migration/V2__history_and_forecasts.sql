-- A phone takes one fix per instant: (technician, device time) is the identity of a ping, whatever id the phone
-- gave it, so a replay under a new client id is still stored once.
alter table gps_ping drop constraint gps_ping_pkey;
alter table gps_ping add primary key (technician_id, device_time);
drop index if exists gps_ping_tech_time;

-- Last known fix per technician, for forecasts (only ever moves forward in device time).
create table technician_position (
    technician_id text primary key,
    device_time   timestamptz      not null,
    lat           double precision not null,
    lon           double precision not null
);

-- The technician's published day (fieldcast.routes): the highest plan version wins.
create table route_day (
    technician_id text             not null,
    day           date             not null,
    plan_version  bigint           not null,
    territory_id  text,
    start_lat     double precision not null,
    start_lon     double precision not null,
    shift_start   timestamptz,
    shift_end     timestamptz,
    published_at  timestamptz      not null,
    primary key (technician_id, day)
);

create table route_visit (
    technician_id   text             not null,
    day             date             not null,
    appointment_id  uuid             not null,
    seq             int              not null,
    job_type        text             not null,
    lat             double precision not null,
    lon             double precision not null,
    window_start    timestamptz,
    window_end      timestamptz,
    planned_arrival timestamptz,
    planned_minutes int              not null,
    primary key (technician_id, day, appointment_id)
);
create index route_visit_appointment on route_visit (appointment_id);

-- Status taps (fieldcast.visit-status), as they were sent.
create table visit_event (
    event_id       uuid        primary key,
    technician_id  text        not null,
    appointment_id uuid        not null,
    status         text        not null,
    reason_code    text,
    device_time    timestamptz not null,
    received_at    timestamptz not null
);
create index visit_event_appointment on visit_event (appointment_id, device_time);

-- Promised windows and cancellations (fieldcast.appointments).
create table appointment (
    appointment_id uuid primary key,
    job_type       text,
    window_start   timestamptz,
    window_end     timestamptz,
    time_zone      text,
    canceled       boolean     not null default false,
    updated_at     timestamptz not null
);

-- What trip mining found per visit: the training data of the models.
create table mined_visit (
    appointment_id   uuid primary key,
    technician_id    text        not null,
    day              date        not null,
    job_type         text,
    departure        timestamptz,
    arrival          timestamptz,
    arrival_source   text        not null,
    completed        timestamptz,
    travel_s         double precision,
    road_s           double precision,
    service_s        double precision,
    stops            int         not null,
    stopped_s        double precision not null,
    driven_m         double precision not null,
    detour           boolean     not null,
    departure_hour   int,
    mined_at         timestamptz not null
);
create index mined_visit_day on mined_visit (day);

-- Every trained model, with its held-out evaluation; the newest is the one in use.
create table model_version (
    version         text primary key,
    trained_at      timestamptz not null,
    service_method  text        not null,
    travel_method   text        not null,
    service_samples int         not null,
    travel_samples  int         not null,
    evaluation      text        not null,
    model           text        not null
);
create index model_version_time on model_version (trained_at desc);

create table training_run (
    id           uuid primary key,
    trigger      text        not null,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    status       text        not null,
    progress     real        not null,
    message      text,
    version      text
);

-- Latest forecast per visit and what was last published about it (the publication rules compare against that).
create table forecast (
    appointment_id         uuid primary key,
    technician_id          text             not null,
    day                    date             not null,
    p50                    timestamptz      not null,
    window_start           timestamptz      not null,
    window_end             timestamptz      not null,
    probability            double precision not null,
    promised_start         timestamptz,
    promised_end           timestamptz,
    computed_at            timestamptz      not null,
    model_version          text             not null,
    published_version      int              not null default 0,
    published_window_start timestamptz,
    published_window_end   timestamptz,
    published_probability  double precision,
    published_plan_version bigint,
    published_at           timestamptz,
    reason                 text
);
create index forecast_day on forecast (day, technician_id);
