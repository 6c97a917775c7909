-- The customer's own link to see, reschedule or cancel the appointment (AppointmentBooked.manageUrl, replaced by a
-- later AppointmentRescheduled.manageUrl; events 0.1.6). Personal: erased with the customer, and past retention.
alter table appointment_contact add column manage_url text;

-- Texts the customer portal asks for (PortalMessage): a one-time code is about a phone, not an appointment yet.
-- The once-only key treats a missing appointment as a value, so a code is stored once per event all the same.
alter table notification alter column appointment_id drop not null;
alter table notification drop constraint notification_once;
alter table notification add constraint notification_once unique nulls not distinct (appointment_id, kind, dedup_key);
-- Messages deliberately not sent are kept for the ones that are counted (no-shows, portal texts): state SUPPRESSED,
-- the reason in last_error, no body. Portal texts without an appointment are found by phone when a customer is
-- forgotten.
create index notification_portal_recipient on notification (recipient) where appointment_id is null;
