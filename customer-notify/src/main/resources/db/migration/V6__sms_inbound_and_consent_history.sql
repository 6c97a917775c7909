-- Every inbound text Twilio delivered, by its MessageSid: a retried or replayed webhook finds its SID and applies
-- nothing twice (no second CustomerReplied, no second consent change).
create table sms_inbound (
    message_sid text primary key,
    phone       text        not null,
    reply       text,
    received_at timestamptz not null
);

-- STOP and START as they happened, kept: sms_opt_out is only the current state.
create table sms_consent_event (
    id          bigserial primary key,
    phone       text        not null,
    kind        text        not null check (kind in ('STOP', 'START')),
    at          timestamptz not null,
    message_sid text        not null
);
create index sms_consent_event_phone on sms_consent_event (phone, at);
