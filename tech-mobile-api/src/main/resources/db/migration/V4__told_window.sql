-- The arrival window the customer was last told, per appointment: the highest forecastVersion received on
-- fieldcast.arrival-forecasts. The technician does not ring before its start (company policy).
create table told_window (
    appointment_id   uuid        primary key,
    technician_id    text,
    forecast_version integer     not null,
    window_start     timestamptz not null,
    window_end       timestamptz not null,
    received_at      timestamptz not null
);
