-- The system of record for the dispatch domain.

create table territory (
    id                    text primary key,
    name                  text             not null,
    time_zone             text             not null,
    center_lat            double precision not null,
    center_lon            double precision not null,
    radius_km             double precision not null,
    -- Arrival-window profile, e.g. "08:00-12:00,12:00-16:00,16:00-20:00" (local time of the territory).
    window_profile        text             not null,
    -- Share of each technician's shift kept free for emergencies when offering slots, in percent.
    emergency_reserve_pct integer          not null default 15,
    version               bigint           not null default 0
);

create table job_type (
    code                 text primary key,
    name                 text    not null,
    default_duration_min integer not null check (default_duration_min between 5 and 720),
    -- JSON object skill -> minimum level, e.g. {"fiber": 2}
    required_skills      text    not null default '{}',
    version              bigint  not null default 0
);

create table technician (
    id             text primary key,
    name           text             not null,
    phone          text             not null,
    territory_id   text             not null references territory (id),
    home_lat       double precision not null,
    home_lon       double precision not null,
    -- JSON object skill -> level 1..5
    skills         text             not null default '{}',
    -- JSON object weekday (MONDAY..SUNDAY) -> "08:00-17:00" (local time); absent day = off
    weekly_shifts  text             not null,
    break_minutes  integer          not null default 30,
    -- Local time window in which the break must start, e.g. "11:30-14:00"
    break_window   text             not null default '11:30-14:00',
    active         boolean          not null default true,
    version        bigint           not null default 0
);
create index technician_territory on technician (territory_id);

create table technician_absence (
    id            uuid primary key,
    technician_id text not null references technician (id),
    first_day     date not null,
    last_day      date not null,
    kind          text not null,
    note          text,
    check (last_day >= first_day)
);
create index technician_absence_tech on technician_absence (technician_id, first_day);

create table customer (
    id            uuid primary key,
    name          text             not null,
    phone         text             not null,
    email         text,
    address       text             not null,
    lat           double precision not null,
    lon           double precision not null,
    language      text             not null default 'en',
    sms_opt_in    boolean          not null default true,
    email_opt_in  boolean          not null default false,
    created_at    timestamptz      not null,
    version       bigint           not null default 0
);
create index customer_phone on customer (phone);
create index customer_name on customer (lower(name) text_pattern_ops);

create table appointment (
    id              uuid primary key,
    customer_id     uuid             not null references customer (id),
    territory_id    text             not null references territory (id),
    job_type        text             not null references job_type (code),
    address         text             not null,
    lat             double precision not null,
    lon             double precision not null,
    service_date    date             not null,
    window_start    timestamptz      not null,
    window_end      timestamptz      not null,
    duration_min    integer          not null,
    priority        integer          not null default 3,
    status          text             not null,
    notes           text,
    -- The current plan: technician, position in the technician's day, planned arrival.
    technician_id   text references technician (id),
    route_seq       integer,
    planned_arrival timestamptz,
    pinned          boolean          not null default false,
    created_at      timestamptz      not null,
    updated_at      timestamptz      not null,
    version         bigint           not null default 0,
    check (window_end > window_start)
);
create index appointment_day on appointment (territory_id, service_date, status);
create index appointment_customer on appointment (customer_id);
create index appointment_tech_day on appointment (technician_id, service_date);
