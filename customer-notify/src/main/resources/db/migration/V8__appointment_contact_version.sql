-- Optimistic locking of notify's view of an appointment: events keyed by technician (routes, forecasts) and by
-- appointment may be applied by two instances at once; the second write of a stale version fails and is retried.
alter table appointment_contact add column version bigint not null default 0;
