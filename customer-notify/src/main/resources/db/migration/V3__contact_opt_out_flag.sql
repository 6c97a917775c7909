-- The phone's STOP state copied onto each of its appointments (kept in step by the inbound webhook), so deciding a
-- message needs no extra lookup on the hot path.
alter table appointment_contact add column sms_opted_out boolean not null default false;
update appointment_contact c set sms_opted_out = true from sms_opt_out o where o.phone = c.phone;
