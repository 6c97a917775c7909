-- A technician's device secret (a PIN or one-time code issued by a dispatcher), bcrypt-hashed.
create table device_credential (
    technician_id text primary key,
    secret_hash   text        not null,
    active        boolean     not null default true,
    created_at    timestamptz not null
);
