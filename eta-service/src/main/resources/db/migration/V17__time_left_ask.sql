-- The platform asking a technician on site how long the job in hand still takes (events 0.1.12 TimeLeftAsked),
-- because the next customer's first window waits on its end: at most one per job per ask-every, a few per job.
create table time_left_ask (
    event_id               uuid primary key,
    technician_id          text not null,
    appointment_id         uuid not null,
    waiting_appointment_id uuid not null,
    asked_at               timestamptz not null
);
create index time_left_ask_appointment on time_left_ask (appointment_id, asked_at);
create index time_left_ask_time on time_left_ask (asked_at);
