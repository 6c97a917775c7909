-- Published plans: one row per publication of a territory-day; the version goes into every RoutePlanned.
create table plan_version (
    territory_id   text        not null,
    service_date   date        not null,
    version        bigint      not null,
    published_at   timestamptz not null,
    published_by   text        not null,
    reason         text,
    score          text,
    routes_changed int         not null,
    primary key (territory_id, service_date, version)
);

-- What really happened, from the technicians' taps: re-planning starts from here.
alter table appointment add column actual_arrival timestamptz;
alter table appointment add column actual_departure timestamptz;

-- Per-territory constraint weights, e.g. {"Travel time": "0hard/0medium/2soft"}; absent: the defaults.
alter table territory add column constraint_weights text;

-- What each technician was last sent, so a re-plan only sends routes that really changed.
create table published_route (
    territory_id  text   not null,
    service_date  date   not null,
    technician_id text   not null,
    version       bigint not null,
    signature     text   not null,
    primary key (territory_id, service_date, technician_id)
);
