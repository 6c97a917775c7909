-- The probability that the window the customer was told is kept (null when none was told), and whether its risk was
-- signalled to dispatch already (a published forecast below the threshold; once per visit).
alter table forecast add column told_probability double precision;
alter table forecast add column risk_signalled boolean not null default false;

-- When a re-plan last replaced the technician's route of the day (null: still the first one): a first window is told
-- only from a route that has stood unchanged for a while.
alter table route_day add column replaced_at timestamptz;
