-- Why the window told last moved (ArrivalForecast.CAUSE_*, null for a first window) and how sure it was: the tracking
-- page says so in the customer's language.
alter table appointment_contact add column told_cause text;
alter table appointment_contact add column told_probability double precision;
