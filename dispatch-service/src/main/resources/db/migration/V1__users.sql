-- People who log in to the dispatcher console. Technicians log in through tech-mobile-api.
create table app_user (
    username      text primary key,
    display_name  text        not null,
    password_hash text        not null,
    roles         text        not null,
    active        boolean     not null default true,
    created_at    timestamptz not null
);
