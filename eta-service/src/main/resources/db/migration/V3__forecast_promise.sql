-- The promised window a published forecast was computed against, so a move caused by a reschedule says so.
alter table forecast add column published_promised_start timestamptz;
