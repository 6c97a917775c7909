-- The customer portal: customers book, reschedule and cancel their own appointments, answer a job type's intake
-- questions, prove their phone with a one-time code, and wait for an earlier window.

-- Per job type: the intake questions (a JSON list, see io.fieldcast.dispatch.portal.IntakeForm), whether customers
-- may book it online, and how long before the window a customer may still reschedule or cancel it themselves.
alter table job_type add column intake text not null default '[]';
alter table job_type add column bookable_online boolean not null default true;
alter table job_type add column cancel_cutoff_min integer not null default 120 check (cancel_cutoff_min >= 0);

-- Per appointment: where it was booked (console or portal) and the customer's intake answers (JSON object).
alter table appointment add column channel text not null default 'console';
alter table appointment add column intake text;
-- Why a visit could not be done, as the technician reported it (CUSTOMER_NOT_HOME: a no-show, booked again from the
-- customer's link).
alter table appointment add column not_done_reason text;
create index appointment_portal_open on appointment (customer_id) where channel = 'portal';

-- One-time codes sent to a phone: only a keyed hash of the code is kept; a code books once.
create table portal_code (
    id          uuid primary key,
    phone       text        not null,
    code_hash   text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    attempts    integer     not null default 0,
    used_at     timestamptz,
    -- The booking it was used for: the same booking sent again (a lost answer) gets the same appointment back.
    appointment_id uuid
);
create index portal_code_phone on portal_code (phone, created_at);

-- Customers who asked for an earlier window than the one they have, in the order they asked.
create table portal_waitlist (
    appointment_id uuid primary key references appointment (id),
    territory_id   text        not null,
    created_at     timestamptz not null,
    -- WAITING, OFFERED (an offer is out), FILLED (took an earlier window), ENDED (left, canceled, visit passed)
    status         text        not null,
    updated_at     timestamptz not null
);
create index portal_waitlist_waiting on portal_waitlist (territory_id, created_at) where status in ('WAITING', 'OFFERED');

-- One freed window offered to the first few waitlisted customers: the first to accept gets it (filled_by), once.
create table portal_offer (
    id             uuid primary key,
    territory_id   text        not null,
    window_start   timestamptz not null,
    window_end     timestamptz not null,
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    filled_by      uuid,
    filled_at      timestamptz
);

create table portal_offer_recipient (
    id             uuid primary key,
    offer_id       uuid not null references portal_offer (id),
    appointment_id uuid not null references appointment (id),
    -- OFFERED, ACCEPTED, TAKEN (texted that it went to someone else), EXPIRED
    status         text        not null,
    unique (offer_id, appointment_id)
);
create index portal_offer_recipient_appointment on portal_offer_recipient (appointment_id);
