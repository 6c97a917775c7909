-- Privacy retention (fieldcast.privacy.visit-details): a stored route past the period has its visits' customer
-- names, phones, addresses and notes erased and their places coarsened; erased_at marks it done.
alter table route_plan add column erased_at timestamptz;
