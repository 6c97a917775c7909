-- The technician's own word of the time left of the job in hand (JobTimeLeft on fieldcast.visit-status, events
-- 0.1.11): about time_left_minutes to go, said at time_left_said_at (the phone's time of the tap). Only while the
-- visit is ON_SITE; the newest word by the phone's time wins; both are cleared when the visit is finished.
alter table appointment add column time_left_minutes integer;
alter table appointment add column time_left_said_at timestamptz;
