-- Idempotent writes: a client that retries with the same Idempotency-Key gets the first answer back instead of a
-- second write. The answer is stored in the transaction of the write it answers.
create table idempotency_key (
    operation         text        not null, -- what the key was used for, e.g. appointments.book
    caller            text        not null, -- the token's subject: two callers' keys never collide
    idem_key          text        not null,
    fingerprint       text        not null, -- SHA-256 of method, path and body of the first request
    claim             uuid        not null, -- the attempt holding the key; only it may store the answer
    completed         boolean     not null default false,
    response_status   integer,
    response_body     text,
    response_location text,
    created_at        timestamptz not null,
    claimed_at        timestamptz not null,
    primary key (operation, caller, idem_key)
);
create index idempotency_key_created on idempotency_key (created_at);

-- A row the relay can never publish (undecodable, too large for the broker) is parked so the rows after it go on.
alter table outbox add column parked_at timestamptz;
alter table outbox add column park_reason text;
drop index outbox_pending;
create index outbox_pending on outbox (id) where published_at is null and parked_at is null;
create index outbox_parked on outbox (id) where parked_at is not null;
