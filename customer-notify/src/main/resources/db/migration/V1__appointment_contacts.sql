-- What notify knows about each appointment, built from fieldcast.appointments only.
create table appointment_contact (
    appointment_id uuid primary key,
    customer_id    uuid,
    first_name     text,
    phone          text,
    email          text,
    language       text        not null default 'en',
    sms_opt_in     boolean     not null default true,
    email_opt_in   boolean     not null default false,
    time_zone      text        not null,
    window_start   timestamptz not null,
    window_end     timestamptz not null,
    status         text        not null,
    updated_at     timestamptz not null
);
