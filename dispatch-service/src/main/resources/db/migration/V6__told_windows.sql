-- Every forecast window by version (fieldcast.arrival-forecasts): a text names the forecast version it told, and
-- arrival_forecast may hold a newer one by the time the text went out (held in quiet hours, not material, ...).
create table forecast_window (
    appointment_id   uuid        not null,
    forecast_version integer     not null,
    window_start     timestamptz not null,
    window_end       timestamptz not null,
    primary key (appointment_id, forecast_version)
);

-- The forecast version whose window customer-notify last texted the customer (fieldcast.notifications); planning
-- does not ring before its start and counts arriving after its end as a broken promise.
create table told_window (
    appointment_id   uuid        primary key,
    forecast_version integer     not null,
    kind             text        not null,
    told_at          timestamptz not null
);
