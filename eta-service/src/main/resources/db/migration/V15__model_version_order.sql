-- Which stored model is the newest: trained_at is data time, and two trainings may carry the same instant (a clock
-- paused or set by a test, a day replayed). Ordered by it alone, the instances' refresher could read an older version
-- as the newest and go back to it. The order in which versions were stored breaks the tie.
alter table model_version add column stored bigint generated always as identity;
drop index model_version_time;
create index model_version_time on model_version (trained_at desc, stored desc);
