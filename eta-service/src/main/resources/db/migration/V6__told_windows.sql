-- Every window eta-service published, by version: a customer's text names the version it told.
create table forecast_window (
    appointment_id uuid        not null,
    version        int         not null,
    window_start   timestamptz not null,
    window_end     timestamptz not null,
    -- The booked window the forecast was made for: a reschedule voids what was told for the old one.
    promised_start timestamptz,
    published_at   timestamptz not null,
    primary key (appointment_id, version)
);
create index forecast_window_published_at on forecast_window using brin (published_at);

-- The version each customer was last texted (customer-notify's NotificationSent): the window that binds the
-- technician, who does not ring before its start.
create table told_window (
    appointment_id uuid primary key,
    version        int         not null,
    told_at        timestamptz not null
);
