-- A row the relay can never publish (undecodable, too large for the broker) is parked so the rows after it go on.
alter table outbox add column parked_at timestamptz;
alter table outbox add column park_reason text;
drop index outbox_pending;
create index outbox_pending on outbox (id) where published_at is null and parked_at is null;
create index outbox_parked on outbox (id) where parked_at is not null;
