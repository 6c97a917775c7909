-- What eta-service learned about each technician's service times (fieldcast.duration-estimates).
create table learned_duration (
    technician_id text        not null,
    job_type      text        not null,
    p50_min       real        not null,
    p90_min       real        not null,
    samples       integer     not null,
    model_version text        not null,
    updated_at    timestamptz not null,
    primary key (technician_id, job_type)
);
