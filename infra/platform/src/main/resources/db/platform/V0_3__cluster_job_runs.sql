-- Scheduled work runs once cluster-wide: the instance that inserts a job's slot (a night, a tick of data time) runs
-- it; the others skip. Old rows are deleted by the claims themselves.
create table cluster_job_run (
    job        text        not null,
    slot       text        not null,
    instance   text        not null,
    claimed_at timestamptz not null,
    primary key (job, slot)
);
