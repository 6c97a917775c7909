-- Users, roles and territories as data (issue "security"): console users and integration clients (API clients with
-- their own credentials), the territories each sees, and when their sessions were last ended.
alter table app_user add column kind text not null default 'person';
-- Comma-separated territory ids the user sees; null means every territory (admins, and users from before this).
alter table app_user add column territories text;
-- Created from FIELDCAST_SEED_USERS (demo, bench, first start) rather than by an admin.
alter table app_user add column seeded boolean not null default false;
alter table app_user add column updated_at timestamptz;
alter table app_user add column password_changed_at timestamptz;
-- Tokens issued before this are refused by every service (roles, territories or password changed, disabled).
alter table app_user add column sessions_valid_after timestamptz;
alter table app_user add column version bigint not null default 0;
alter table app_user add constraint app_user_kind check (kind in ('person', 'integration'));
