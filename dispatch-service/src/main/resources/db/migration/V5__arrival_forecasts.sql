-- The latest arrival forecast per appointment (fieldcast.arrival-forecasts), for the console's risk colours.
create table arrival_forecast (
    appointment_id        uuid             primary key,
    technician_id         text,
    p50_arrival           timestamptz      not null,
    window_start          timestamptz      not null,
    window_end            timestamptz      not null,
    probability_in_window double precision not null,
    forecast_version      integer          not null,
    reason                text,
    updated_at            timestamptz      not null
);
