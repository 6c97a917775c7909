-- The technician's published day, as last received from fieldcast.routes: one row per technician and date,
-- holding the highest plan version seen: the RoutePlanned event as the codec wrote it, and its visits as jsonb
-- so "is this appointment on the technician's route" is a containment query.
create table route_plan (
    technician_id   text        not null,
    route_date      date        not null,
    plan_version    bigint      not null,
    payload         text        not null,
    visits          jsonb       not null,
    received_at     timestamptz not null,
    primary key (technician_id, route_date)
);

-- Where each visit stands; the row is locked while a status change is decided.
create table visit_state (
    appointment_id uuid primary key,
    technician_id  text        not null,
    status         text        not null,
    updated_at     timestamptz not null
);

-- Every accepted status tap, keyed by the phone's own id so a retry gets the same answer and no second event.
create table visit_status_change (
    technician_id  text        not null,
    client_id      text        not null,
    appointment_id uuid        not null,
    previous_status text       not null,
    status         text        not null,
    reason_code    text,
    note           text,
    device_time    timestamptz not null,
    received_at    timestamptz not null,
    event_id       uuid        not null,
    primary key (technician_id, client_id)
);
create index visit_status_change_appointment on visit_status_change (appointment_id, received_at);
