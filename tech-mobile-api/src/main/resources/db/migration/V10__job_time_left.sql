-- The technician's "about N minutes left" of the job in hand, taken while the visit is on site (ARRIVED), keyed by
-- the phone's own id so a retry gets the same answer and no second JobTimeLeft. Several rows per visit: the newest
-- by device time is the current read. No customer data (no names, no free text), so the privacy erasing of tap
-- notes (route.RoutePrivacy) has nothing to take here; published JobTimeLeft outbox rows of a forgotten customer's
-- visits go with the others that mention the appointment.
create table job_time_left (
    technician_id  text        not null,
    client_id      text        not null,
    appointment_id uuid        not null,
    minutes_left   integer     not null check (minutes_left between 1 and 480),
    device_time    timestamptz not null,
    received_at    timestamptz not null,
    event_id       uuid        not null,
    primary key (technician_id, client_id)
);
create index job_time_left_appointment on job_time_left (appointment_id, device_time);
