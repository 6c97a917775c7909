-- The STOP/START history is the proof of consent: kept as it happened, like the audit log (the platform's
-- fieldcast_append_only() refuses UPDATE, DELETE and TRUNCATE for every role, this service's own included).
create trigger sms_consent_event_append_only before update or delete on sms_consent_event
    for each row execute function fieldcast_append_only();
create trigger sms_consent_event_no_truncate before truncate on sms_consent_event
    for each statement execute function fieldcast_append_only();
revoke update, delete, truncate on sms_consent_event from current_user;
