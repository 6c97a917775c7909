-- Outbound webhooks: a company's own systems subscribe to appointment and visit events. Every event a subscription
-- wants becomes a delivery row in the consumer's transaction (nothing is lost while a receiver is down); a worker
-- posts them, signed, with back-off, and keeps the log.
create table webhook_subscription (
    id                   uuid primary key,
    url                  text        not null,
    -- The signing key (HMAC-SHA256), shown once when the subscription is made.
    secret               text        not null,
    event_types          text[]      not null,
    description          text,
    active               boolean     not null default true,
    disabled_reason      text,
    consecutive_failures integer     not null default 0,
    -- While the receiver fails, nothing is tried before this (back-off per subscription, not per delivery).
    retry_at             timestamptz,
    created_at           timestamptz not null,
    created_by           text        not null,
    deleted              boolean     not null default false
);

create table webhook_delivery (
    id              bigserial primary key,
    subscription_id uuid        not null references webhook_subscription (id),
    event_id        uuid        not null,
    event_type      text        not null,
    occurred_at     timestamptz not null,
    appointment_id  uuid,
    payload         text        not null,
    -- PENDING (due at next_attempt_at), DELIVERED, FAILED (given up; retried only by hand).
    state           text        not null default 'PENDING',
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    claimed_until   timestamptz,
    claim           uuid,
    last_status     integer,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (subscription_id, event_id)
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at) where state = 'PENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, id desc);
