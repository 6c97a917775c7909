-- A logged-in phone. Only a SHA-256 of the refresh secret is stored; it rotates on every use, and presenting
-- the previous one again (a stolen copy) revokes the session.
create table device_session (
    id             uuid primary key,
    technician_id  text        not null,
    device_id      text        not null,
    refresh_hash   text        not null unique,
    previous_hash  text,
    created_at     timestamptz not null,
    last_used_at   timestamptz not null,
    expires_at     timestamptz not null,
    revoked_at     timestamptz,
    revoked_by     text
);
create index device_session_device on device_session (technician_id, device_id);
create index device_session_revoked on device_session (revoked_at) where revoked_at is not null;
