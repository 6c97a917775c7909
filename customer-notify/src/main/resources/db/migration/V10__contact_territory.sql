-- The appointment's territory (from AppointmentBooked): dispatchers see contacts and texts of their territories only.
-- Rows from before stay null: only users who see every territory see them.
alter table appointment_contact add column territory_id text;
