-- The technician's own read of the job in hand ("about N minutes left", events 0.1.11 JobTimeLeft): the newest said
-- before a forecast is what the forecast reads; all of them, against when the job was done, are what training learns
-- of each technician's reads.
create table job_time_left (
    event_id       uuid primary key,
    technician_id  text not null,
    appointment_id uuid not null,
    minutes_left   integer not null,
    device_time    timestamptz not null,
    received_at    timestamptz not null
);
create index job_time_left_appointment on job_time_left (appointment_id, device_time);
create index job_time_left_time on job_time_left (device_time);
