-- Where the visit is, so the tracking page can draw the van approaching it along the roads. Personal data: erased
-- with the name and phone when the customer is forgotten or the visit details' retention runs out.
alter table appointment_contact add column home_lat double precision, add column home_lon double precision;
