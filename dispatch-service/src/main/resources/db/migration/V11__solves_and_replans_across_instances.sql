-- Several instances of dispatch-service run behind one address. A dispatcher's solve runs on the instance that took
-- the request and keeps its best plan in that instance's memory; this row says which instance that is, how to reach
-- it, and how far the solve got, so any instance answers for it (progress, events) or forwards to it (stop, publish).
create table plan_solve (
    territory_id  text        not null,
    service_date  date        not null,
    instance      text        not null,
    instance_url  text        not null,
    status        text        not null,
    progress      jsonb       not null,
    started_at    timestamptz not null,
    -- Database time: the owner touches it every few seconds while it lives; a stale one means the owner is gone.
    heartbeat_at  timestamptz not null default clock_timestamp(),
    primary key (territory_id, service_date)
);

-- Re-plans asked for and not yet done, one row per territory-day: requests merge into it, one instance claims it
-- (FOR UPDATE SKIP LOCKED) for a lease and runs it. A request arriving while it runs bumps the generation, so the
-- row stays for one more run. due_at is data time (a risk waits for the territory-day's cooldown).
create table replan_request (
    territory_id         text        not null,
    service_date         date        not null,
    reasons              text[]      not null default '{}',
    work_changed         boolean     not null default false,
    requested_at         timestamptz not null,
    requested_wall       timestamptz not null default clock_timestamp(),
    due_at               timestamptz not null,
    generation           bigint      not null default 1,
    claimed_by           text,
    claimed_until        timestamptz,
    claimed_generation   bigint,
    claimed_reasons      text[]      not null default '{}',
    claimed_work_changed boolean     not null default false,
    claimed_requested_at timestamptz,
    claimed_requested_wall timestamptz,
    primary key (territory_id, service_date)
);

-- When each territory-day last re-planned (data time), for the cooldown between re-plans for risks.
create table replan_day (
    territory_id text        not null,
    service_date date        not null,
    last_run     timestamptz not null,
    primary key (territory_id, service_date)
);

-- Told visits whose predicted broken window already asked for a re-plan: one re-plan per visit at risk.
create table replan_risk (
    territory_id   text not null,
    service_date   date not null,
    appointment_id uuid not null,
    primary key (territory_id, service_date, appointment_id)
);

-- How each re-plan went, whichever instance ran it.
create table replan_outcome (
    id           bigserial   primary key,
    territory_id text        not null,
    service_date date        not null,
    reasons      text[]      not null,
    requested_at timestamptz not null,
    latency_ms   bigint      not null,
    solve_ms     bigint      not null,
    version      bigint      not null,
    routes       int         not null,
    score        text,
    error        text,
    instance     text        not null,
    finished_at  timestamptz not null default clock_timestamp()
);
create index replan_outcome_by_territory on replan_outcome (territory_id, id desc);
