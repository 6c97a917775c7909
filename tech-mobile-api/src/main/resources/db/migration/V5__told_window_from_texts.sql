-- Not every forecast is texted (customer-notify holds back small moves, caps updates per day, waits out quiet
-- hours, stops once the technician set off), so the latest forecast is not what the customer was told: V4's
-- told_window is replaced by the window of the forecast version customer-notify last texted (as in dispatch).

drop table told_window;

-- Every forecast window by version (fieldcast.arrival-forecasts): a text names the forecast version it told.
create table forecast_window (
    appointment_id   uuid        not null,
    forecast_version integer     not null,
    window_start     timestamptz not null,
    window_end       timestamptz not null,
    primary key (appointment_id, forecast_version)
);

-- The forecast version whose window customer-notify last texted the customer (fieldcast.notifications): the
-- technician does not ring before its start.
create table told_window (
    appointment_id   uuid        primary key,
    forecast_version integer     not null,
    kind             text        not null,
    told_at          timestamptz not null
);
