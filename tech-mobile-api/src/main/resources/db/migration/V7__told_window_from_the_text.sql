-- NotificationSent carries the window it told (events 0.1.3): the told window is kept on its row, and every
-- forecast's window by version is no longer needed to resolve it. A row with no window is a void (a reschedule
-- confirmation): kept, so a replayed older window text cannot bring the old window back.
alter table told_window
    add column window_start timestamptz,
    add column window_end   timestamptz;

update told_window t set window_start = f.window_start, window_end = f.window_end
from forecast_window f
where f.appointment_id = t.appointment_id and f.forecast_version = t.forecast_version;

-- Named a forecast that never reached this service: it never showed and cannot be resolved now.
delete from told_window where window_start is null;

drop table forecast_window;
