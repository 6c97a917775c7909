-- A committed outbox row wakes the relay at once instead of at its next poll: the trigger raises a notification on
-- the schema's channel, which PostgreSQL delivers at commit (never for a rolled-back insert, once per transaction
-- however many rows it wrote). Every instance's relay listens on it; the poll stays as the fallback when a listening
-- connection is lost.
create function fieldcast_outbox_wakeup() returns trigger language plpgsql as $$
begin
    perform pg_notify('fieldcast_outbox_' || tg_table_schema, '');
    return null;
end
$$;

create trigger outbox_wakeup after insert on outbox
    for each statement execute function fieldcast_outbox_wakeup();
