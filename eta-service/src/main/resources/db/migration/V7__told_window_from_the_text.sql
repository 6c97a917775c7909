-- NotificationSent carries the window it told (events 0.1.3): the told window is kept on its row, with the booked
-- window it was told for, and every published window by version is no longer needed to resolve it. A row with no
-- window is a void (a reschedule confirmation): kept, so a replayed older window text cannot bring it back.
alter table told_window
    add column window_start   timestamptz,
    add column window_end     timestamptz,
    add column promised_start timestamptz;

update told_window t set window_start = w.window_start, window_end = w.window_end, promised_start = w.promised_start
from forecast_window w
where w.appointment_id = t.appointment_id and w.version = t.version;

-- Named a version this service never published: it never bound anything and cannot be resolved now.
delete from told_window where window_start is null;

drop table forecast_window;
