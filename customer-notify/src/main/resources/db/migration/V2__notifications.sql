-- What notify has learned about each appointment's day, for the policy (routes, forecasts, visit status).
alter table appointment_contact
    add column technician_id         text,
    add column technician_first_name text,
    add column planned_arrival       timestamptz,
    add column visit_status          text,
    add column forecast_version      integer     not null default 0,
    add column forecast_p50          timestamptz,
    add column forecast_start        timestamptz,
    add column forecast_end          timestamptz,
    add column told_start            timestamptz,
    add column told_end              timestamptz,
    add column updates_day           date,
    add column updates_count         integer     not null default 0;

create index appointment_contact_phone on appointment_contact (phone);
create index appointment_contact_technician on appointment_contact (technician_id);

-- One row per message the policy decided to send. The unique key makes a redelivered event or a restart
-- unable to decide (and so send) the same message twice; the sender moves rows PENDING -> SENT | FAILED.
create table notification (
    id                  bigserial primary key,
    appointment_id      uuid        not null,
    kind                text        not null,
    dedup_key           text        not null,
    forecast_version    integer     not null default 0,
    medium              text        not null,
    channel             text        not null,
    recipient           text        not null,
    language            text        not null,
    subject             text,
    body                text        not null,
    state               text        not null,
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz not null,
    last_error          text,
    provider_message_id text,
    delivery_status     text,
    triggered_at        timestamptz not null,
    created_at          timestamptz not null,
    handed_at           timestamptz,
    constraint notification_once unique (appointment_id, kind, dedup_key)
);

create index notification_due on notification (next_attempt_at) where state = 'PENDING';
create index notification_provider on notification (provider_message_id);

-- STOP is about a phone number, not one appointment: honoured for every later appointment until START.
create table sms_opt_out (
    phone      text primary key,
    opted_out_at timestamptz not null
);
