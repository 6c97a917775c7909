-- The jobs the technician still had to finish before the visit when its first window was told, and the share of the
-- forecast's sampled days that window held (its probability before any doubt per job ahead): what the doubt per job
-- ahead is learned from on the days the platform lived.
alter table forecast add column first_jobs_ahead int;
alter table forecast add column first_share      double precision;
