-- Tables every Fieldcast service has in its own schema (shipped by the platform library).

-- Transactional outbox: written in the same transaction as the business change, relayed to Kafka after.
create table outbox (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    msg_key      text        not null,
    event_type   text        not null,
    payload      text        not null,
    occurred_at  timestamptz not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_pending on outbox (id) where published_at is null;

-- Consumer-side de-duplication: one row per (consumer group, event) applied.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- Audit trail: who changed what, when and why.
create table audit_log (
    id          bigserial primary key,
    entity_type text        not null,
    entity_id   text        not null,
    action      text        not null,
    actor       text        not null,
    at          timestamptz not null,
    reason      text,
    before_json text,
    after_json  text
);
create index audit_log_entity on audit_log (entity_type, entity_id, id);
