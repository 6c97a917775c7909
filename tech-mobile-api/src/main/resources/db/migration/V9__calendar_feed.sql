-- A technician's calendar feed (iCalendar) behind a secret URL: only the token's SHA-256 is kept. Revoking deletes
-- the row; a new one replaces it (the old URL stops working).
create table calendar_feed (
    technician_id text primary key,
    token_hash    text        not null unique,
    created_at    timestamptz not null,
    created_by    text        not null
);
