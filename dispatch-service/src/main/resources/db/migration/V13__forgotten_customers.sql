-- "Forget this customer" (an admin) and the retention of personal data (fieldcast.privacy.*): the rows stay, so
-- reports still count visits, but names, phones, e-mails, addresses and notes are erased and coordinates coarsened.
-- forgotten_at marks a customer erased, by an admin or by retention; such a customer can no longer be booked.
alter table customer add column forgotten_at timestamptz;
-- When an appointment's personal data (address, notes, exact coordinates) was erased; null while it is kept.
alter table appointment add column erased_at timestamptz;
-- Retention looks for finished visits whose window ended long ago.
create index appointment_window_end on appointment (window_end) where erased_at is null;
