-- eta-service asks the technician on site how long the job in hand still takes (TimeLeftAsked on
-- fieldcast.time-left-asks), because the next customer's window waits on it. One row per ask; the phone shows the
-- newest ask of a visit on site until a word of the time left (job_time_left) said at or after it answers it. No
-- customer data (ids and times only), so the privacy erasing (route.RoutePrivacy) has nothing to take here; kept like
-- the status rows.
create table time_left_ask (
    event_id               uuid        primary key,
    technician_id          text        not null,
    appointment_id         uuid        not null,
    waiting_appointment_id uuid,
    asked_at               timestamptz not null,
    received_at            timestamptz not null
);
create index time_left_ask_appointment on time_left_ask (appointment_id, asked_at);
