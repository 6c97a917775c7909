-- Exactly-once hand-off: a claimed message is SENDING under a claim token until its outcome is recorded, fenced on
-- state and token. claimed_at and claimed_until (the lease) are the database's own real time, since they are about
-- processes and the carrier's clock, not the domain. Once the lease has passed, the claimer is presumed dead and the
-- message is reconciled with the provider (was it accepted?) before anything is sent again.
alter table notification add column claim_token uuid;
alter table notification add column claimed_at timestamptz;
alter table notification add column claimed_until timestamptz;

create index notification_sending on notification (claimed_until) where state = 'SENDING';
