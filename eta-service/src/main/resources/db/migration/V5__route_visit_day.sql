-- GET /api/report reads every visit of a range of route days.
create index route_visit_day on route_visit (day);
