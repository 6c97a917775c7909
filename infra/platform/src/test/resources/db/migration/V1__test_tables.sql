create table test_note (
    id   uuid primary key,
    text text not null
);

-- No unique key on event_id on purpose: if de-duplication failed, a second row would show it.
create table test_seen (
    id             bigserial primary key,
    event_id       uuid not null,
    appointment_id uuid not null,
    seen_by        text not null
);
