-- Audit rows are evidence: once written they are never changed or removed, not even by the service's own role.
-- The revoke takes UPDATE, DELETE and TRUNCATE from the role that runs this (the service's: "permission denied for
-- table audit_log"). A revoke does not bind an owner for good (it may grant itself the rights back) nor a superuser,
-- and each service's role owns its schema so that Flyway can migrate it: the triggers refuse those changes whoever
-- asks ("audit_log is append-only"). A correction is a new row. A service's own append-only history table reuses
-- the function.
create function fieldcast_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Rows of this table are never changed or deleted; record a correcting row instead.';
end
$$;

create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function fieldcast_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function fieldcast_append_only();
revoke update, delete, truncate on audit_log from current_user;
